package io.prunescope.ui;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.analysis.PrunableLayer;
import io.prunescope.model.Node;
import io.prunescope.prune.PruneDecision;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.CancelledException;
import io.prunescope.ui.network.NetworkDiagram;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableSet;
import javafx.concurrent.Task;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The network as a laid out diagram (boxes per node, routed edges) plus what colours it: per-layer L1 scores of
 * the output units (the heat strips) and the kept fraction of each prunable layer under the current decision.
 * Layout and scores run off the FX thread on this view model's own worker; the newest request wins (a new model
 * cancels the running layout, a result for an older model is dropped). Selection and theme are the document's.
 */
public final class NetworkViewModel {

    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "prunescope-network");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        return t;
    });

    private final MainViewModel document;
    private final ReadOnlyObjectWrapper<NetworkDiagram> diagram =
            new ReadOnlyObjectWrapper<>(this, "diagram", NetworkDiagram.empty());
    private final ReadOnlyBooleanWrapper layingOut = new ReadOnlyBooleanWrapper(this, "layingOut");
    private final ReadOnlyIntegerWrapper scoresVersion = new ReadOnlyIntegerWrapper(this, "scoresVersion");
    private volatile Map<String, float[]> scores = new ConcurrentHashMap<>();
    private Task<NetworkDiagram> layoutTask;
    private CancellationToken layoutCancel = new CancellationToken();
    private Task<Void> scoreTask;
    private final AtomicBoolean refreshPending = new AtomicBoolean();
    private volatile String lastLayoutThread = "";

    private final io.prunescope.ui.network.SensitivityShading shading = new io.prunescope.ui.network.SensitivityShading();

    public NetworkViewModel(MainViewModel document) {
        this.document = document;
        document.analysisProperty().addListener((obs, old, now) -> relayout(now));
        document.workspaceProperty().addListener((obs, old, now) -> rescore());
        relayout(document.getAnalysis());
    }

    // ---- layout -------------------------------------------------------------------------------------------

    private void relayout(ModelAnalysis analysis) {
        if (layoutTask != null) {
            layoutTask.cancel();
            layoutCancel.cancel();
        }
        if (analysis == null) {
            layoutTask = null;
            layingOut.set(false);
            diagram.set(NetworkDiagram.empty());
            rescore();
            return;
        }
        CancellationToken cancel = new CancellationToken();
        layoutCancel = cancel;
        Task<NetworkDiagram> task = new Task<>() {
            @Override
            protected NetworkDiagram call() {
                lastLayoutThread = Thread.currentThread().getName();
                return NetworkDiagram.build(analysis, cancel);
            }
        };
        layoutTask = task;
        layingOut.set(true);
        task.setOnSucceeded(e -> {
            if (task == layoutTask && analysis == document.getAnalysis()) {
                layingOut.set(false);
                diagram.set(task.getValue());
                rescore();
            }
        });
        task.setOnFailed(e -> {
            if (task == layoutTask) {
                layingOut.set(false);
                if (!(task.getException() instanceof CancelledException)) {
                    document.statusProperty().set("Network layout failed: " + task.getException().getMessage());
                }
            }
        });
        WORKER.execute(task);
    }

    /** The current diagram (empty until a model is laid out). */
    public ReadOnlyObjectProperty<NetworkDiagram> diagramProperty() {
        return diagram.getReadOnlyProperty();
    }

    public NetworkDiagram diagram() {
        return diagram.get();
    }

    /** True while a layout runs off the FX thread. */
    public ReadOnlyBooleanProperty layingOutProperty() {
        return layingOut.getReadOnlyProperty();
    }

    /** The name of the thread that ran the last layout (tests check it is not the FX thread). */
    public String lastLayoutThread() {
        return lastLayoutThread;
    }

    // ---- heat strip scores ------------------------------------------------------------------------------------

    private void rescore() {
        if (scoreTask != null) {
            scoreTask.cancel();
        }
        Map<String, float[]> fresh = new ConcurrentHashMap<>();
        scores = fresh;
        scoresVersion.set(scoresVersion.get() + 1);
        Workspace ws = document.getWorkspace();
        NetworkDiagram d = diagram.get();
        if (ws == null || d.isEmpty()) {
            scoreTask = null;
            return;
        }
        Task<Void> task = new Task<>() {
            @Override
            protected Void call() {
                for (NetworkDiagram.Box b : d.boxes()) {
                    if (isCancelled()) {
                        break;
                    }
                    PrunableLayer l = b.layer();
                    if (l == null || ws.engine().layer(l.name()).isEmpty()) {
                        continue;
                    }
                    Granularity g = l.weight().rank() == 2 ? Granularity.NEURON : Granularity.FILTER;
                    try {
                        fresh.put(l.name(), ws.engine().layerScores(l.name(), g, Criterion.L1, 0));
                    } catch (RuntimeException ex) {
                        continue; // this layer gets no strip
                    }
                    refreshSoon();
                }
                return null;
            }
        };
        scoreTask = task;
        WORKER.execute(task);
    }

    /** Coalesces score arrivals into one redraw per FX pulse. */
    private void refreshSoon() {
        if (refreshPending.compareAndSet(false, true)) {
            Platform.runLater(() -> {
                refreshPending.set(false);
                scoresVersion.set(scoresVersion.get() + 1);
            });
        }
    }

    /** L1 scores of a layer's output units, or null while they are computed (or for non-prunable nodes). */
    public float[] scores(String layerName) {
        return scores.get(layerName);
    }

    /** Bumped when scores arrive (redraw the strips). */
    public ReadOnlyIntegerProperty scoresVersionProperty() {
        return scoresVersion.getReadOnlyProperty();
    }

    // ---- decision ---------------------------------------------------------------------------------------------

    /** Fraction of a prunable layer's output channels kept by the current decision; NaN for other boxes. */
    public double keptFraction(NetworkDiagram.Box box) {
        PrunableLayer l = box.layer();
        if (l == null || l.outputUnits() <= 0) {
            return Double.NaN;
        }
        PruneDecision d = document.decisionProperty().get();
        if (d == null) {
            return 1;
        }
        int removed = d.removedCount(l.node().output(0));
        return 1 - (double) removed / l.outputUnits();
    }

    /** True when block pruning removes the box's node. */
    public boolean isRemoved(NetworkDiagram.Box box) {
        PruneDecision d = document.decisionProperty().get();
        return d != null && box.node() != null && d.removedNodes().contains(box.node().index());
    }

    public ObjectProperty<PruneDecision> decisionProperty() {
        return document.decisionProperty();
    }

    public ObservableSet<Integer> highlightedNodes() {
        return document.highlightedNodes();
    }

    public ObjectProperty<Node> selectedNodeProperty() {
        return document.selectedNodeProperty();
    }

    /** Optional colouring of the layers by sensitivity (off unless switched on). */
    public io.prunescope.ui.network.SensitivityShading shading() {
        return shading;
    }

    public ObjectProperty<Theme> themeProperty() {
        return document.themeProperty();
    }
}
