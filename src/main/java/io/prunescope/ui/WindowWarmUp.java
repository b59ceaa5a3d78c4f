package io.prunescope.ui;

import io.prunescope.analysis.PrunableLayer;
import io.prunescope.graphview.ViewOptions;
import io.prunescope.graphview.ViewStructure;
import io.prunescope.model.InputBindings;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;
import io.prunescope.ui.heatmap.HeatmapPanel;
import io.prunescope.ui.inspector.CouplingViewModel;
import io.prunescope.ui.inspector.DefaultsViewModel;
import io.prunescope.ui.inspector.LayerControlsViewModel;
import io.prunescope.ui.inspector.PruningPanel;
import io.prunescope.ui.network.NetworkDiagram;
import io.prunescope.ui.responsiveness.PulseSteps;
import io.prunescope.ui.session.PlanEditor;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.HBox;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Runs JavaFX's cold code before the first model arrives. In a fresh JVM the first table, inspector and heatmaps a
 * model fills cost 150–230 ms of FX-thread CPU in one pulse (skins, CSS matching, cell factories, text layout: all
 * loaded and interpreted for the first time; src/docs/time-to-interactive.md). This opens a small bundled model
 * ({@code warm-up.onnx}, made by src/tools/make_warm_up_model.py) in an <em>off-screen</em> copy of those panels:
 * its own document, plan editor and view models, a scene that is never put in a window, so nothing of it can be
 * seen in the real window or change its state. The work is cut into one small step per pulse ({@link PulseSteps}):
 * build, install, style, lay out, select a layer while the table's rows are still going in, then again once they
 * are all in, show its heatmaps, lay out again, each twice; then everything is dropped. Before those steps, the work
 * an open does off the FX thread (read, analyse, prepare the rows, lay out the network) runs on the same model
 * {@link #OFF_THREAD_PASSES} times, on a thread of low priority while the person picks a file.
 *
 * <p>{@code -Dprunescope.warm-up=false} turns it off (for comparing figures).
 */
public final class WindowWarmUp {

    /** The bundled model: 3 stages × 8 residual conv blocks and a dense head (about 90 KB). */
    static final String MODEL = "warm-up.onnx";
    /** Install, style, lay out, select: twice, so the JIT sees the cell and layout code often enough. */
    private static final int ROUNDS = 2;
    /**
     * Reading, analysing, preparing the rows and laying out the network of the bundled model, off the FX thread,
     * this many times before the panels' steps. Once was not enough: per-node code runs ~80 times per pass, below
     * the JIT's thresholds, so opening a 3,000-node model still compiled ~1,900 methods in its first second, over
     * half of them for the first time (time-to-interactive.md, seventh round). A pass after the first takes ~10 ms.
     */
    private static final int OFF_THREAD_PASSES = 12;

    private final List<String> stylesheets;
    private final ReadOnlyBooleanWrapper done = new ReadOnlyBooleanWrapper(this, "done");
    /** True from the first step on the FX thread (the model has been read) until done. */
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final PulseSteps steps = new PulseSteps();
    private Panels panels;
    /** What the off-screen panels showed, one line per check (for tests: the warm-up really ran the code). */
    private final List<String> shown = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** With the window's stylesheets (the same CSS rules must be matched as in the window). */
    public WindowWarmUp(List<String> stylesheets) {
        this.stylesheets = List.copyOf(stylesheets);
    }

    /** True unless {@code -Dprunescope.warm-up=false}. */
    public static boolean enabled() {
        return !"false".equals(System.getProperty("prunescope.warm-up"));
    }

    /** Starts on a thread of its own (reading and analysing the model), then continues on the FX thread. */
    public WindowWarmUp start() {
        Thread t = new Thread(this::prepare, "prunescope-ui-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return this;
    }

    /** True once the warm-up has finished (or failed: it is only an optimisation) and dropped its panels. */
    public ReadOnlyBooleanProperty doneProperty() {
        return done.getReadOnlyProperty();
    }

    /** What the off-screen panels showed: a line per table and heatmaps shown (for tests). */
    List<String> shown() {
        return List.copyOf(shown);
    }

    /** True while the steps on the FX thread run (for {@link OpenTimer}: the gaps the warm-up itself causes). */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    private void prepare() {
        try {
            Prepared prepared = prepareOnce();
            for (int pass = 1; pass < OFF_THREAD_PASSES; pass++) {
                prepared = prepareOnce();
            }
            Prepared last = prepared;
            Platform.runLater(() -> run(last.workspace(), last.structure()));
        } catch (IOException | io.prunescope.onnx.ModelLoadException | RuntimeException e) {
            // a warm-up that fails costs nothing but the speed it would have gained
            System.err.println("prunescope: UI warm-up skipped: " + e);
            Platform.runLater(() -> done.set(true));
        }
    }

    /** The bundled model read and analysed, with what the window computes off the FX thread when a model opens. */
    private record Prepared(Workspace workspace, ViewStructure structure) {
    }

    private static Prepared prepareOnce() throws IOException, io.prunescope.onnx.ModelLoadException {
        Workspace ws = open();
        ViewStructure structure = ViewStructure.of(ws.analysis(), CancellationToken.NEVER);
        OpenPreparation.prepare(ws.analysis());
        NetworkDiagram.build(ws.analysis(), structure.viewGraph(ViewOptions.folded()), CancellationToken.NEVER);
        return new Prepared(ws, structure);
    }

    /**
     * Opens the bundled model as any model is opened, from a file (the UI reads models only through
     * {@link Workspace}): a temporary copy, deleted once read and hashed.
     */
    static Workspace open() throws IOException, io.prunescope.onnx.ModelLoadException {
        java.nio.file.Path copy = java.nio.file.Files.createTempFile("prunescope-warm-up", ".onnx");
        try (InputStream in = WindowWarmUp.class.getResourceAsStream(MODEL)) {
            if (in == null) {
                throw new IOException(MODEL + " is missing from the class path");
            }
            java.nio.file.Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Workspace ws = Workspace.open(copy, InputBindings.none(), CancellationToken.NEVER, Progress.NONE);
            ws.model().sha256(); // the reader hashes in the background: done before the copy goes
            return ws;
        } finally {
            java.nio.file.Files.deleteIfExists(copy);
        }
    }

    private void run(Workspace ws, ViewStructure structure) {
        steps.then(() -> {
            running.set(true);
            panels = new Panels(stylesheets);
        });
        // The very first rows and cells run cold (class loading, interpreter): a short table first, then taller,
        // so that no single step creates many of them (each step is a pulse of its own).
        steps.then(() -> panels.table.setMaxHeight(100))
                .then(() -> panels.editor.install(ws, ws.emptyPlan()))
                .then(() -> panels.table.table().applyCss());
        for (double height : new double[]{100, 180, 300, 500, Double.MAX_VALUE}) {
            steps.then(() -> {
                panels.table.setMaxHeight(height);
                panels.layOut();
            });
        }
        steps.then(() -> panels.document.close());
        for (int round = 0; round < ROUNDS; round++) {
            boolean allRows = round % 2 == 1;
            steps.then(() -> panels.editor.install(ws, ws.emptyPlan()))
                    .then(() -> panels.table.applyCss())
                    .then(() -> panels.layOut())
                    .then(() -> {
                        panels.structure.set(structure);
                        panels.tableModel.prunableOnlyProperty().set(!allRows);
                    })
                    // a person (and --measure-open) selects while the rows are still going in: the selection is
                    // shifted as rows arrive (MultipleSelectionModelBase.doShift and the tree table's selection
                    // classes, loaded cold in the first frame otherwise; time-to-interactive.md, fourth round)
                    .then(() -> selectWhileFilling(ws.engine().layers().get(1)))
                    .then(() -> panels.layOut())
                    .until(() -> !panels.table.fillingProperty().get())
                    .then(() -> {
                        panels.layOut();
                        shown.add("table " + panels.table.rows().size() + " rows, "
                                + panels.table.table().getExpandedItemCount() + " items");
                    })
                    .then(() -> panels.select(ws.engine().layers().get(0)))
                    .then(() -> panels.inspector.applyCss())
                    .then(() -> panels.layOut())
                    .then(() -> panels.heatmap.show(ws, layerName(ws, allRows), null))
                    .until(() -> !panels.heatmap.busyProperty().get())
                    .then(() -> panels.heatmap.applyCss())
                    .then(() -> {
                        panels.layOut();
                        shown.add("heatmaps " + panels.heatmap.data().layer() + ", " + panels.heatmap.maps().size()
                                + " maps");
                    })
                    .then(() -> panels.document.close())
                    .then(() -> panels.layOut());
        }
        steps.start(() -> {
            panels = null;
            running.set(false);
            done.set(true);
        });
    }

    /** Selects {@code layer} and notes whether rows were still being added and what the table selected. */
    private void selectWhileFilling(PrunableLayer layer) {
        boolean filling = panels.table.fillingProperty().get();
        panels.select(layer);
        var item = panels.table.table().getSelectionModel().getSelectedItem();
        shown.add("selected " + (item == null ? "nothing" : item.getValue().name())
                + (filling ? " while rows were added" : " after the rows"));
    }

    /** The first conv, or (second round) the last layer: the dense head, whose heatmaps are drawn differently. */
    private static String layerName(Workspace ws, boolean last) {
        List<PrunableLayer> layers = ws.engine().layers();
        return layers.get(last ? layers.size() - 1 : 0).name();
    }

    /** The off-screen copies: a document of their own, the table, inspector and heatmaps in a scene of their own. */
    private static final class Panels {
        final MainViewModel document = new MainViewModel();
        final PlanEditor editor = new PlanEditor(document);
        final javafx.beans.property.SimpleObjectProperty<ViewStructure> structure =
                new javafx.beans.property.SimpleObjectProperty<>();
        final LayerTableViewModel tableModel = new LayerTableViewModel(document, structure);
        final LayerTableView table = new LayerTableView(tableModel);
        final Parent inspector;
        final HeatmapPanel heatmap = new HeatmapPanel();
        final Parent root;

        Panels(List<String> stylesheets) {
            PruningPanel pruning = new PruningPanel(new LayerControlsViewModel(document, editor),
                    new CouplingViewModel(document), new DefaultsViewModel(document, editor));
            inspector = (Parent) new InspectorView(new InspectorViewModel(document), pruning.node()).node();
            table.setPrefSize(700, 900);
            root = new HBox(table, inspector, heatmap);
            root.getStyleClass().add("main-root");
            Scene scene = new Scene(root, 1600, 1000);
            scene.getStylesheets().setAll(stylesheets);
        }

        void select(PrunableLayer layer) {
            document.selectedNodeProperty().set(layer.node());
            document.selectedLayers().setAll(layer.name());
        }

        void layOut() {
            root.applyCss();
            root.layout();
        }
    }
}
