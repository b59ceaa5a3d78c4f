package io.prunescope.ui.learn;

import io.prunescope.analysis.PrunableLayer;
import io.prunescope.learn.CriteriaComparison;
import io.prunescope.learn.FilterProjection;
import io.prunescope.learn.GalleryEntry;
import io.prunescope.learn.GranularityGallery;
import io.prunescope.learn.TensorSlice;
import io.prunescope.prune.LayerWeights;
import io.prunescope.prune.criteria.WeightView;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.CancelledException;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * State of the Learn window: the layer, ratio and slice the teacher chose, the export size, presentation mode, and
 * the latest {@link LearnResult}. Every change recomputes off the FX thread; a newer request cancels the older one
 * and only the latest result is shown.
 */
public final class LearnViewModel {

    private final Workspace workspace;
    private final ExecutorService worker;
    private final ObservableList<String> layers = FXCollections.observableArrayList();
    private final StringProperty layer = new SimpleStringProperty(this, "layer");
    private final DoubleProperty ratio = new SimpleDoubleProperty(this, "ratio", 0.5);
    private final IntegerProperty filterFrom = new SimpleIntegerProperty(this, "filterFrom", 0);
    private final IntegerProperty channelFrom = new SimpleIntegerProperty(this, "channelFrom", 0);
    private final IntegerProperty sliceSize = new SimpleIntegerProperty(this, "sliceSize", 8);
    private final IntegerProperty exportWidth = new SimpleIntegerProperty(this, "exportWidth", 1600);
    private final IntegerProperty exportHeight = new SimpleIntegerProperty(this, "exportHeight", 900);
    private final BooleanProperty presentation = new SimpleBooleanProperty(this, "presentation", false);
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy", false);
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final ObjectProperty<LearnResult> result = new SimpleObjectProperty<>(this, "result");
    private CancellationToken running = new CancellationToken();
    private long generation;

    public LearnViewModel(Workspace workspace, ExecutorService worker, String initialLayer) {
        this.workspace = workspace;
        this.worker = worker;
        for (PrunableLayer l : workspace.engine().layers()) {
            int rank = LayerWeights.of(l).view().rank();
            if (rank >= 2 && rank <= 4) {
                layers.add(l.name());
            }
        }
        layer.set(initialLayer != null && layers.contains(initialLayer) ? initialLayer
                : layers.isEmpty() ? null : layers.get(layers.size() / 2));
        for (var p : List.of(layer, ratio, filterFrom, channelFrom, sliceSize)) {
            p.addListener((obs, old, now) -> refresh());
        }
    }

    /** Recomputes for the current settings (latest wins). */
    public void refresh() {
        String name = layer.get();
        if (name == null) {
            return;
        }
        running.cancel();
        CancellationToken token = new CancellationToken();
        running = token;
        long mine = ++generation;
        double r = Math.min(0.95, Math.max(0, ratio.get()));
        TensorSlice slice = new TensorSlice(filterFrom.get(), sliceSize.get(), channelFrom.get(), sliceSize.get());
        busy.set(true);
        status.set("Computing " + name + " at " + Math.round(r * 100) + " %…");
        worker.submit(() -> {
            try {
                LearnResult out = compute(name, r, slice, token);
                Platform.runLater(() -> finish(mine, out, null));
            } catch (CancelledException e) {
                Platform.runLater(() -> finish(mine, null, null));
            } catch (RuntimeException e) {
                Platform.runLater(() -> finish(mine, null, e));
            }
        });
    }

    LearnResult compute(String name, double r, TensorSlice slice, CancellationToken token) {
        WeightView view = LayerWeights.of(workspace.engine().layer(name).orElseThrow()).view();
        List<GalleryEntry> gallery = new GranularityGallery(workspace).compute(name, r, token);
        token.throwIfCancelled();
        CriteriaComparison comparison = CriteriaComparison.compute(workspace.engine(), name, r,
                workspace.emptyPlan().seed());
        token.throwIfCancelled();
        FilterProjection projection = FilterProjection.of(view);
        return new LearnResult(name, r, view, slice.clampTo(view.outChannels(), view.inChannels()), gallery,
                comparison, projection);
    }

    private void finish(long mine, LearnResult out, RuntimeException error) {
        if (mine != generation) {
            return; // a newer request is running; its result will come
        }
        busy.set(false);
        if (error != null) {
            status.set("Could not compute: " + error.getMessage());
        } else if (out != null) {
            result.set(out);
            WeightView v = out.view();
            String shape = v.rank() == 2 ? v.outChannels() + " outputs × " + v.inChannels() + " inputs"
                    : v.outChannels() + " filters × " + v.inChannels() + " channels × " + v.kernelHeight() + "×"
                    + v.kernelWidth();
            status.set(out.layer() + ": " + shape + ", ratio " + Math.round(out.ratio() * 100) + " %");
        }
    }

    public void cancel() {
        running.cancel();
    }

    public ObservableList<String> layers() {
        return layers;
    }

    public StringProperty layerProperty() {
        return layer;
    }

    public DoubleProperty ratioProperty() {
        return ratio;
    }

    public IntegerProperty filterFromProperty() {
        return filterFrom;
    }

    public IntegerProperty channelFromProperty() {
        return channelFrom;
    }

    public IntegerProperty sliceSizeProperty() {
        return sliceSize;
    }

    public IntegerProperty exportWidthProperty() {
        return exportWidth;
    }

    public IntegerProperty exportHeightProperty() {
        return exportHeight;
    }

    public BooleanProperty presentationProperty() {
        return presentation;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public ObjectProperty<LearnResult> resultProperty() {
        return result;
    }
}
