package io.prunescope.ui.measure;

import io.prunescope.measure.BundledSample;
import io.prunescope.measure.Calibration;
import io.prunescope.measure.Datasets;
import io.prunescope.prune.ProofInputs;
import io.prunescope.runtime.CalibrationInputs;
import io.prunescope.runtime.Dataset;
import io.prunescope.runtime.FloatTensor;
import io.prunescope.runtime.IdxDataset;
import io.prunescope.runtime.ImageFolderDataset;
import io.prunescope.runtime.Preprocessing;
import io.prunescope.runtime.RuntimeOptions;
import io.prunescope.session.Workspace;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.prefs.Preferences;
import java.util.stream.Collectors;

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
    private final ObjectProperty<PreprocessingPreset> preset = new SimpleObjectProperty<>(this, "preset");
    private final StringBinding scaleError;
    private final StringBinding meanError;
    private final StringBinding stdError;
    private final StringProperty format = new SimpleStringProperty(this, "format", "");
    private Preferences remembered;
    private Path idxImages;
    private Path idxLabels;
    private Path folder;

    public MeasureDataViewModel(Workspace ws) {
        this.ws = ws;
        source.set(BundledSample.isPresent(BundledSample.defaultAssets()) ? BUNDLED : RANDOM);
        if (source.get() == BUNDLED) {
            useBundledPreprocessing();
        }
        int channels = channels();
        scaleError = Bindings.createStringBinding(
                () -> PreprocessingPreset.check(scale.get(), channels, true, false), scale);
        meanError = Bindings.createStringBinding(
                () -> PreprocessingPreset.check(mean.get(), channels, false, true), mean);
        stdError = Bindings.createStringBinding(
                () -> PreprocessingPreset.check(std.get(), channels, true, true), std);
        preset.set(source.get() == BUNDLED ? PreprocessingPreset.FROM_DATA : null);
        preset.addListener((obs, old, now) -> applyPreset(now));
        // a value typed over a preset makes the preprocessing custom: the preset no longer describes the fields
        for (StringProperty field : List.of(scale, mean, std)) {
            field.addListener((obs, old, now) -> {
                if (!applying) {
                    preset.set(null);
                }
            });
        }
        source.addListener((obs, old, now) -> describeFormat());
        describeFormat();
    }

    private int channels() {
        long[] shape = ws.analysis().inputShapes().values().iterator().next();
        return shape.length == 4 ? (int) shape[1] : 1;
    }

    private boolean applying;

    private void applyPreset(PreprocessingPreset p) {
        if (p == null) {
            return;
        }
        applying = true;
        try {
            if (p == PreprocessingPreset.FROM_DATA) {
                if (BundledSample.isPresent(BundledSample.defaultAssets())) {
                    useBundledPreprocessing();
                }
                return;
            }
            scale.set(p.scale);
            mean.set(p.mean);
            std.set(p.std);
        } finally {
            applying = false;
        }
    }

    /** What the chosen data is and what it brings (the data set's own preprocessing, when it has one). */
    private void describeFormat() {
        long[] shape = ws.analysis().inputShapes().values().iterator().next();
        String input = "model input " + Arrays.stream(shape).mapToObj(Long::toString)
                .collect(Collectors.joining("×"));
        format.set(switch (source.get()) {
            case BUNDLED -> {
                Preprocessing p = BundledSample.fashion(BundledSample.defaultAssets()).preprocessing();
                yield "Fashion-MNIST (IDX, 28×28 grey, 10 classes); its own preprocessing: scale " + p.scale()
                        + ", mean " + p.mean()[0] + ", std " + p.std()[0] + " · " + input;
            }
            case IDX -> "IDX image and label files (grey) · " + input;
            case FOLDER -> "image folder, one sub-folder per class · " + input;
            default -> "random normal inputs (no labels: the metric is top-1 agreement) · " + input;
        });
    }

    /** True when every field holds a usable value. */
    public boolean valid() {
        return scaleError.get().isEmpty() && meanError.get().isEmpty() && stdError.get().isEmpty();
    }

    /**
     * Remembers the settings for this model in {@code prefs} (a node per model file digest): restores what was
     * chosen last time (source when it needs no file, images, preprocessing, threads) and saves every change.
     */
    void remember(Preferences prefs) {
        if (prefs == null) {
            return;
        }
        Preferences node = prefs.node("measure-data/" + ws.model().sha256().substring(0, 16));
        if (node.get("scale", null) != null) {
            int s = node.getInt("source", source.get());
            if (s == RANDOM || s == BUNDLED && BundledSample.isPresent(BundledSample.defaultAssets())) {
                source.set(s);
            }
            limit.set(node.getInt("limit", limit.get()));
            threads.set(node.getInt("threads", threads.get()));
            preset.set(null);
            scale.set(node.get("scale", scale.get()));
            mean.set(node.get("mean", mean.get()));
            std.set(node.get("std", std.get()));
        }
        remembered = node;
        InvalidationListener save = obs -> save();
        for (Observable o : List.of(source, limit, threads, scale, mean, std)) {
            o.addListener(save);
        }
    }

    private void save() {
        if (remembered != null && valid()) {
            remembered.putInt("source", source.get());
            remembered.putInt("limit", limit.get());
            remembered.putInt("threads", threads.get());
            remembered.put("scale", scale.get());
            remembered.put("mean", mean.get());
            remembered.put("std", std.get());
        }
    }

    public ObjectProperty<PreprocessingPreset> presetProperty() {
        return preset;
    }

    /** "" or why the scale field is not usable (shown next to it). */
    public StringBinding scaleErrorProperty() {
        return scaleError;
    }

    public StringBinding meanErrorProperty() {
        return meanError;
    }

    public StringBinding stdErrorProperty() {
        return stdError;
    }

    /** What the chosen data is: its format, its own preprocessing, the model's input. */
    public StringProperty formatProperty() {
        return format;
    }

    /** The bundled subset's own preprocessing in the scale/mean/std fields. */
    void useBundledPreprocessing() {
        applying = true;
        try {
            fillBundled();
        } finally {
            applying = false;
        }
    }

    private void fillBundled() {
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
    Supplier<ProofInputs> proofInputs(int count) {
        if (isRandom()) {
            return null;
        }
        return () -> ProofInputs.calibration(ws.analysis().inputShapes(),
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
