package io.prunescope.ui;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.analysis.PrunableLayer;
import io.prunescope.graphview.ModuleStats;
import io.prunescope.graphview.ModuleTree;
import io.prunescope.graphview.ViewOptions;
import io.prunescope.graphview.ViewStructure;
import io.prunescope.model.Node;
import io.prunescope.prune.PruneDecision;
import io.prunescope.prune.StoredUnitNorms;
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
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableSet;
import javafx.concurrent.Task;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The network as a laid out diagram (boxes per node, routed edges) plus what colours it: per-layer L1 scores of
 * the output units (the heat strips) and the kept fraction of each prunable layer under the current decision.
 * Layout and scores run off the FX thread on this view model's own worker; the newest request wins (a new model
 * cancels the running layout, a result for an older model is dropped). Selection and theme are the document's.
 */
public final class NetworkViewModel {

    /** Weights with this many values or more (64 MB as float32) get their strip from the stored bytes. */
    static final long LARGE_WEIGHT_VALUES = 16_000_000L;

    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "prunescope-network");
        t.setDaemon(true);
        // below the FX thread where the OS honours priorities (src/docs/time-to-interactive.md)
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });
    /** Held back while a model is being installed (FrameGate). */
    private static final java.util.concurrent.Executor GATED =
            io.prunescope.ui.responsiveness.FrameGate.shared().holding(WORKER);

    private final MainViewModel document;
    private final ObjectProperty<ViewOptions> options = new SimpleObjectProperty<>(this, "options",
            ViewOptions.folded());
    private final ReadOnlyObjectWrapper<ViewStructure> structure = new ReadOnlyObjectWrapper<>(this, "structure");
    private final ObjectProperty<Function<String, Double>> sensitivity =
            new SimpleObjectProperty<>(this, "sensitivity", name -> null);
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
    private volatile ViewStructure computedStructure;

    private final io.prunescope.ui.network.SensitivityShading shading = new io.prunescope.ui.network.SensitivityShading();

    public NetworkViewModel(MainViewModel document) {
        this.document = document;
        document.analysisProperty().addListener((obs, old, now) -> {
            options.set(ViewOptions.folded().withShowEverything(options.get().showEverything()));
            relayout(now);
        });
        options.addListener((obs, old, now) -> relayout(document.getAnalysis()));
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
            structure.set(null);
            diagram.set(NetworkDiagram.empty());
            rescore();
            return;
        }
        CancellationToken cancel = new CancellationToken();
        layoutCancel = cancel;
        ViewStructure known = structure.get();
        ViewOptions opts = options.get();
        Task<NetworkDiagram> task = new Task<>() {
            @Override
            protected NetworkDiagram call() {
                lastLayoutThread = Thread.currentThread().getName();
                // the fold and the module tree are computed once per model; options only rebuild the view graph
                ViewStructure s = known != null && known.analysis() == analysis ? known
                        : ViewStructure.of(analysis, cancel);
                computedStructure = s;
                return NetworkDiagram.build(analysis, s.viewGraph(opts), cancel);
            }
        };
        layoutTask = task;
        layingOut.set(true);
        task.setOnSucceeded(e -> {
            if (task != layoutTask || analysis != document.getAnalysis()) {
                return;
            }
            ViewStructure fresh = computedStructure;
            Runnable draw = () -> {
                if (task == layoutTask && analysis == document.getAnalysis()) {
                    layingOut.set(false);
                    diagram.set(task.getValue());
                    rescore();
                }
            };
            if (fresh == structure.get()) {
                draw.run();
                return;
            }
            // A new model's structure rebuilds the layer table as a tree by module; the diagram is drawn in the next
            // pulse, so that the two do not add up to one long stall (src/docs/time-to-interactive.md).
            structure.set(fresh);
            io.prunescope.ui.responsiveness.FrameGate.afterNextFrame(draw);
        });
        task.setOnFailed(e -> {
            if (task == layoutTask) {
                layingOut.set(false);
                if (!(task.getException() instanceof CancelledException)) {
                    document.statusProperty().set("Network layout failed: " + task.getException().getMessage());
                }
            }
        });
        GATED.execute(task);
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

    // ---- what is drawn: fold and modules ---------------------------------------------------------------------

    /** The view options (show everything, expanded fold markers, collapsed modules); a change lays out again. */
    public ObjectProperty<ViewOptions> optionsProperty() {
        return options;
    }

    /** The fold, module tree and module totals of the current model (null until computed). */
    public ReadOnlyObjectProperty<ViewStructure> structureProperty() {
        return structure.getReadOnlyProperty();
    }

    public void setShowEverything(boolean on) {
        options.set(options.get().withShowEverything(on));
    }

    /** Expands a node's fold marker (its shape arithmetic is drawn), or folds it again. */
    public void toggleFold(Node host) {
        options.set(options.get().toggleHost(host.index()));
    }

    /** Collapses every top-level module that holds more than one drawn node. */
    public void collapseAll() {
        ViewStructure s = structure.get();
        if (s != null) {
            options.set(options.get().withCollapsed(s.collapsibleTopModules()));
        }
    }

    public void expandAll() {
        options.set(options.get().withCollapsed(java.util.Set.of()));
    }

    /**
     * Opens one module: its children that are blocks themselves (two or more prunable layers: a Bottleneck, a
     * ResNet block) stay collapsed, so a stage opens into its blocks and a block into its layers.
     */
    public void expand(ModuleTree.Module m) {
        ViewStructure s = structure.get();
        java.util.Set<String> collapsed = new java.util.HashSet<>(options.get().collapsedModules());
        collapsed.remove(m.path());
        if (s != null) {
            m.children().stream().filter(c -> s.stats().of(c).layers().size() > 1)
                    .forEach(c -> collapsed.add(c.path()));
        }
        options.set(options.get().withCollapsed(collapsed));
    }

    /** Collapses the outermost expanded module around a node. */
    public void collapseAround(Node node) {
        ViewStructure s = structure.get();
        if (s == null || node == null) {
            return;
        }
        s.tree().ancestry(node.index()).stream().findFirst()
                .ifPresent(m -> options.set(options.get().collapse(m.path())));
    }

    /** Parameters, MACs and prunable layers of a module box. */
    public ModuleStats.Totals totals(NetworkDiagram.Box box) {
        ViewStructure s = structure.get();
        return s == null || box.module() == null ? new ModuleStats.Totals(0, 0, java.util.List.of())
                : s.stats().of(box.module());
    }

    // ---- sensitivity -------------------------------------------------------------------------------------------

    /**
     * Per-layer sensitivity, by layer name: null (or NaN) where not measured. Whoever measures sensitivity sets a
     * new function when values change (the profile strip and boxes redraw on every set).
     */
    public ObjectProperty<Function<String, Double>> sensitivityProperty() {
        return sensitivity;
    }

    /** The measured sensitivity of a layer, or NaN. */
    public double sensitivity(String layerName) {
        Function<String, Double> f = sensitivity.get();
        Double v = f == null ? null : f.apply(layerName);
        return v == null ? Double.NaN : v;
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
                for (PrunableLayer l : ws.analysis().prunableLayers()) {
                    if (isCancelled()) {
                        break;
                    }
                    if (ws.engine().layer(l.name()).isEmpty()) {
                        continue;
                    }
                    Granularity g = l.weight().rank() == 2 ? Granularity.NEURON : Granularity.FILTER;
                    try {
                        fresh.put(l.name(), stripScores(ws, l, g));
                    } catch (RuntimeException ex) {
                        continue; // this layer gets no strip
                    }
                    refreshSoon();
                }
                return null;
            }
        };
        scoreTask = task;
        GATED.execute(task);
    }

    /**
     * A layer's strip: its L1 scores, from the engine (which the heatmaps then share) or, for a weight of
     * {@value #LARGE_WEIGHT_VALUES} values or more, summed from the file's bytes, so that opening a model does
     * not decode a weight that large (VGG's 411 MB classifier layer) just to colour its strip
     * ({@link StoredUnitNorms}).
     */
    private static float[] stripScores(Workspace ws, PrunableLayer l, Granularity g) {
        if (l.weight().numel() >= LARGE_WEIGHT_VALUES) {
            java.util.Optional<float[]> stored = StoredUnitNorms.l1(l);
            if (stored.isPresent()) {
                return stored.get();
            }
        }
        return ws.engine().layerScores(l.name(), g, Criterion.L1, 0);
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
        if (box.module() != null) {
            return keptFraction(totals(box).layers());
        }
        return keptFraction(box.layer());
    }

    /** Kept fraction of one prunable layer's output units (NaN for null). */
    public double keptFraction(PrunableLayer l) {
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

    /** Kept output units over all units of several layers (NaN when none has units). */
    public double keptFraction(java.util.List<PrunableLayer> layers) {
        double units = 0;
        double kept = 0;
        for (PrunableLayer l : layers) {
            double k = keptFraction(l);
            if (!Double.isNaN(k)) {
                units += l.outputUnits();
                kept += k * l.outputUnits();
            }
        }
        return units == 0 ? Double.NaN : kept / units;
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

    /** The window's status line (messages such as "picture written"). */
    public javafx.beans.property.StringProperty statusProperty() {
        return document.statusProperty();
    }

    public ObjectProperty<Theme> themeProperty() {
        return document.themeProperty();
    }
}
