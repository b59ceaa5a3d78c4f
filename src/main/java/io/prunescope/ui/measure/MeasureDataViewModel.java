package io.prunescope.ui.measure;

import io.prunescope.measure.BundledSample;
import io.prunescope.measure.Calibration;
import io.prunescope.measure.Datasets;
import io.prunescope.runtime.CalibrationInputs;
import io.prunescope.runtime.Dataset;
import io.prunescope.runtime.FloatTensor;
import io.prunescope.runtime.IdxDataset;
import io.prunescope.runtime.ImageFolderDataset;
import io.prunescope.runtime.Preprocessing;
import io.prunescope.runtime.RuntimeOptions;
import io.prunescope.session.Workspace;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The measure window's classification data bar: where samples come from (random inputs, the bundled Fashion
 * subset, IDX files, an image folder), how many, their preprocessing and the runtime threads; and the samples
 * themselves, read when a measurement starts.
 */
public final class MeasureDataViewModel {

    public static final List<String> SOURCES = List.of("Random inputs", "Bundled Fashion subset", "IDX files…",
            "Image folder…");
    static final int RANDOM = 0;
    static final int BUNDLED = 1;
    static final int IDX = 2;
    static final int FOLDER = 3;

    private final Workspace ws;
    private final IntegerProperty source = new SimpleIntegerProperty(this, "source");
    private final ObjectProperty<Integer> limit = new SimpleObjectProperty<>(this, "limit", 1000);
    private final ObjectProperty<Integer> threads = new SimpleObjectProperty<>(this, "threads", 1);
    private final StringProperty scale = new SimpleStringProperty(this, "scale", "0.00392157");
    private final StringProperty mean = new SimpleStringProperty(this, "mean", "0");
    private final StringProperty std = new SimpleStringProperty(this, "std", "1");
    private Path idxImages;
    private Path idxLabels;
    private Path folder;

    public MeasureDataViewModel(Workspace ws) {
        this.ws = ws;
        source.set(BundledSample.isPresent(BundledSample.defaultAssets()) ? BUNDLED : RANDOM);
        if (source.get() == BUNDLED) {
            useBundledPreprocessing();
        }
    }

    /** The bundled subset's own preprocessing in the scale/mean/std fields. */
    void useBundledPreprocessing() {
        Preprocessing p = BundledSample.fashion(BundledSample.defaultAssets()).preprocessing();
        scale.set(Float.toString(p.scale()));
        mean.set(Float.toString(p.mean()[0]));
        std.set(Float.toString(p.std()[0]));
    }

    void useIdx(Path images, Path labels) {
        idxImages = images;
        idxLabels = labels;
    }

    void useFolder(Path dir) {
        folder = dir;
    }

    public IntegerProperty sourceProperty() {
        return source;
    }

    public ObjectProperty<Integer> limitProperty() {
        return limit;
    }

    public ObjectProperty<Integer> threadsProperty() {
        return threads;
    }

    public StringProperty scaleProperty() {
        return scale;
    }

    public StringProperty meanProperty() {
        return mean;
    }

    public StringProperty stdProperty() {
        return std;
    }

    boolean isRandom() {
        return source.get() == RANDOM;
    }

    String describe() {
        return SOURCES.get(source.get()) + " (limit " + limit.get() + ")";
    }

    RuntimeOptions options() {
        return RuntimeOptions.DEFAULT.withIntraOpThreads(threads.get());
    }

    /** The chosen labelled samples, limited; throws with what to choose when there are none. */
    Dataset labelled() {
        Dataset d = switch (source.get()) {
            case BUNDLED -> BundledSample.fashion(BundledSample.defaultAssets()).dataset();
            case IDX -> {
                if (idxImages == null || idxLabels == null || !Files.exists(idxImages)) {
                    throw new IllegalStateException("choose the IDX image and label files");
                }
                yield IdxDataset.open(idxImages, idxLabels, preprocessing(true));
            }
            case FOLDER -> {
                if (folder == null) {
                    throw new IllegalStateException("choose an image folder");
                }
                yield ImageFolderDataset.open(folder, preprocessing(false));
            }
            default -> throw new IllegalStateException("random inputs have no labels: choose labelled data");
        };
        return Datasets.limit(d, limit.get());
    }

    /** Model inputs: the chosen samples, or up to 256 random normal inputs. */
    Map<String, FloatTensor> inputs() {
        if (isRandom()) {
            return Calibration.random(ws, Math.max(1, Math.min(limit.get(), 256)), 1,
                    CalibrationInputs.Distribution.NORMAL);
        }
        return Calibration.single(ws, Datasets.inputs(labelled()));
    }

    /**
     * The chosen images as the export proof's inputs (the first {@code count}), read when called (on a worker);
     * null for random inputs, where the proof's own synthetic inputs are better.
     */
    java.util.function.Supplier<io.prunescope.prune.ProofInputs> proofInputs(int count) {
        if (isRandom()) {
            return null;
        }
        return () -> io.prunescope.prune.ProofInputs.calibration(ws.analysis().inputShapes(),
                Calibration.single(ws, Datasets.inputs(Datasets.limit(labelled(), count))), count);
    }

    private Preprocessing preprocessing(boolean gray) {
        long[] shape = ws.analysis().inputShapes().values().iterator().next();
        return Preprocessing.of((int) shape[3], (int) shape[2]).withGrayscale(gray || shape[1] == 1)
                .withScale(Float.parseFloat(scale.get().trim()))
                .withNormalization(floats(mean.get()), floats(std.get()));
    }

    private static float[] floats(String csv) {
        String[] p = csv.split(",");
        float[] v = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            v[i] = Float.parseFloat(p[i].trim());
        }
        return v;
    }
}
