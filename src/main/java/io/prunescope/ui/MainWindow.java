package io.prunescope.ui;

import io.prunescope.prune.PruningPlan;
import io.prunescope.session.Workspace;
import io.prunescope.ui.export.ExportDialog;
import io.prunescope.ui.heatmap.HeatmapPanel;
import io.prunescope.ui.inspector.CouplingViewModel;
import io.prunescope.ui.inspector.DefaultsViewModel;
import io.prunescope.ui.inspector.LayerControlsViewModel;
import io.prunescope.ui.inspector.PruningPanel;
import io.prunescope.ui.preview.ChartsPanel;
import io.prunescope.ui.preview.PreviewService;
import io.prunescope.ui.responsiveness.FrameGate;
import io.prunescope.ui.session.PlanEditor;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The main window: assembles the panels (layers | network | inspector, charts, summary and status below), owns the
 * worker threads, the plan editor (undo/redo, autosave) and the live preview, and carries out the menus' actions.
 * The layout ({@link MainLayout}), menus ({@link MainMenu}), file choosers ({@link FileChoosers}), dialogs
 * ({@link WindowDialogs}) and export/measure windows ({@link ToolWindows}) are their own classes.
 */
public final class MainWindow {

    private final Stage stage;
    private final MainViewModel document = new MainViewModel();
    private final WindowWorkers workers = new WindowWorkers(FrameGate.shared());
    private final UiServices services;
    private final ModelLoader loader;
    private final RecentFiles recentFiles;
    private final WindowState state;
    private final PlanEditor editor;
    private final PreviewService previews;
    private final LayerControlsViewModel controls;
    private final DefaultsViewModel defaults;
    private final ChartsPanel charts;
    private final NetworkViewModel networkModel;
    private final HeatmapPanel heatmap;
    private final AnalysisTabs analysisTabs;
    private final MainLayout layout;
    private final Scene scene;
    private final BooleanBinding busy;
    private final DocumentFiles files;
    private final WindowDialogs dialogs;
    private final FileChoosers choosers;
    private final ToolWindows tools;
    private final MeasuringTools measuring;
    private String demoSpec;

    public MainWindow(Stage stage, UiServices services) {
        this.stage = stage;
        this.services = services;
        this.state = new WindowState(services.preferences());
        this.recentFiles = new RecentFiles(services.preferences());
        this.dialogs = new WindowDialogs(stage);
        this.loader = new ModelLoader(services.opener(), workers.loading, document, dialogs);
        this.editor = new PlanEditor(document);
        // the workers a model's installation starts wait until the installed model has been shown (FrameGate)
        this.files = new DocumentFiles(document, editor, loader, services.autosave(), workers.gatedIo,
                dialogs::showError);
        this.choosers = new FileChoosers(stage, state, document, files, this::open);
        this.tools = new ToolWindows(stage, document, editor, workers.loading, services.preferences(), dialogs);
        this.previews = new PreviewService(document, workers.gatedPreviews);
        this.measuring = new MeasuringTools(document, editor);
        files.setKeptPlans(measuring::kept, measuring::setKept);
        measuring.plans().setOnKeptChanged(files::autosave);
        tools.setOnSensitivity(measuring.sensitivity()::add);
        loader.setInstaller(this::install);
        loader.setOnOpened(recentFiles::add);
        editor.setOnChange(p -> files.autosave());
        document.themeProperty().set(state.theme());

        networkModel = new NetworkViewModel(document);
        // the table's module tree comes from the network view's structure, computed once off the FX thread
        LayerTableView layers = new LayerTableView(new LayerTableViewModel(document,
                networkModel.structureProperty()));
        NetworkView network = new NetworkView(networkModel);
        controls = new LayerControlsViewModel(document, editor);
        defaults = new DefaultsViewModel(document, editor);
        PruningPanel pruning = new PruningPanel(controls, new CouplingViewModel(document), defaults);
        InspectorView inspector = new InspectorView(new InspectorViewModel(document), pruning.node());
        charts = new ChartsPanel(document, workers.gatedScores);
        heatmap = new HeatmapPanel();
        analysisTabs = new AnalysisTabs(document, heatmap, charts, services.preferences());
        analysisTabs.node().setMinHeight(160);
        analysisTabs.node().setPrefHeight(380);
        layout = new MainLayout(layers, network, analysisTabs.node(), inspector.node());
        // the network's layout counts too: a screenshot or test that waits for "idle" must see the graph drawn
        // ... and so does the table's fill (its rows are added over a few pulses: LayerTableView.install)
        busy = Bindings.createBooleanBinding(() -> loader.busyProperty().get() || previews.busyProperty().get()
                        || charts.scoringProperty().get() || heatmap.busyProperty().get()
                        || networkModel.layingOutProperty().get() || layers.fillingProperty().get(),
                loader.busyProperty(), previews.busyProperty(), charts.scoringProperty(), heatmap.busyProperty(),
                networkModel.layingOutProperty(), layers.fillingProperty());

        MainMenu menu = new MainMenu(this);
        BorderPane root = new BorderPane(layout.node());
        root.setId("mainRoot");
        root.getStyleClass().add("main-root");
        root.setTop(new VBox(menu.menuBar(), menu.toolBar()));
        StatusBar statusBar = new StatusBar(document, loader);
        root.setBottom(new VBox(new SummaryBar(new SummaryViewModel(document, workers.gatedPreviews)), statusBar));
        measuring.attach(analysisTabs, pruning, layers.table(), statusBar, networkModel);

        scene = new Scene(root, 1400, 900);
        KeyboardShortcuts.installUndoRedo(scene, this::undo, this::redo);
        applyTheme(document.themeProperty().get());
        document.themeProperty().addListener((obs, old, now) -> applyTheme(now));
        ModelDropTarget.install(scene, this::open);
        stage.setScene(scene);
        stage.titleProperty().bind(document.titleProperty());
        stage.setMinWidth(800);
        stage.setMinHeight(560);
        stage.setOnHidden(e -> saveState());
    }

    /** Restores the remembered size, position and dividers, then shows the window. */
    public void show() {
        state.restore(stage);
        stage.show();
        // Divider positions only stick once the split pane has its real width.
        Platform.runLater(() -> {
            layout.restoreDividers(state);
            layout.takeFocus();
        });
    }

    /** Maximises a panel over the window area (or puts it back), as a double click on its title does. */
    void toggleMaximised(javafx.scene.Node pane) {
        layout.toggleMaximised(pane);
    }

    /** Back to the default layout of the panels (screenshots). */
    void resetDividers() {
        layout.resetDividers();
        analysisTabs.select(AnalysisTabs.HEATMAPS);
    }

    /**
     * Start-up: marks the session as running (for crash detection) after offering to restore the session of a run
     * that did not end cleanly; otherwise opens {@code initialModel} (may be null).
     */
    public void startup(Path initialModel, Runnable otherwise) {
        CrashRestore.atStartup(services.autosave(), document, dialogs, files::openSession, () -> {
            if (initialModel != null) {
                open(initialModel);
            } else {
                otherwise.run();
            }
        });
    }

    /**
     * Installs an opened model. The table, summary and the other listeners of the document run now; the workers they
     * start (preview, layout, heatmaps, scores, autosave) are held until this state has been drawn once, so that the
     * FX thread has the CPU while it builds the table (src/docs/time-to-interactive.md).
     */
    private void install(Workspace workspace, PruningPlan plan) {
        FrameGate.shared().closedDuring(() -> {
            editor.install(workspace, plan == null ? workspace.emptyPlan() : plan);
            if (demoSpec != null) {
                String spec = demoSpec;
                demoSpec = null;
                applyDemo(spec);
            }
        });
    }

    /** The hidden demo option ({@code --demo-plan=fpgm:0.3}), applied once the next model has opened. */
    public void setDemo(String spec) {
        this.demoSpec = spec;
    }

    /** Applies a {@link DemoPlan} to the open model now. */
    void applyDemo(String spec) {
        DemoPlan.apply(spec, editor, document);
    }

    public void open(Path file) {
        loader.open(file);
    }

    /** The network view's model (its diagram) and the heatmap panel, for {@link OpenTimer}. */
    NetworkViewModel networkModel() {
        return networkModel;
    }

    HeatmapPanel heatmap() {
        return heatmap;
    }

    public MainViewModel document() {
        return document;
    }

    public ModelLoader loader() {
        return loader;
    }

    public PlanEditor editor() {
        return editor;
    }

    public PreviewService previews() {
        return previews;
    }

    public ChartsPanel charts() {
        return charts;
    }

    /** The tabs under the panels: Heatmaps · Per-layer costs · Score histogram. */
    AnalysisTabs analysisTabs() {
        return analysisTabs;
    }

    public RecentFiles recentFiles() {
        return recentFiles;
    }

    public Scene scene() {
        return scene;
    }

    /** The File menu's open/save choosers. */
    FileChoosers choosers() {
        return choosers;
    }

    /** Errors, about, shortcuts and the other message dialogs. */
    WindowDialogs dialogs() {
        return dialogs;
    }

    /** True while a model loads, the preview is computing or the histogram is scoring. */
    public BooleanBinding busyProperty() {
        return busy;
    }

    public Path sessionPath() {
        return files.sessionPath();
    }

    // ---- actions --------------------------------------------------------------------------------------------

    void closeModel() {
        loader.cancel();
        document.close();
        files.forgetSession();
    }

    void quit() {
        saveState();
        stage.close();
        Platform.exit();
    }

    void undo() {
        editor.undo();
    }

    void redo() {
        editor.redo();
    }

    /** Reads a session file off the FX thread, then opens its model with its input sizes and plan. */
    public void openSession(Path file) {
        files.openSession(file);
    }

    /** Writes the session (model, input sizes, plan) off the FX thread. */
    public void saveSession(Path file) {
        files.saveSession(file);
    }

    public void savePlan(Path file) {
        files.savePlan(file);
    }

    /** Reads and checks a plan off the FX thread; a plan for another model is refused with the engine's reason. */
    public void loadPlan(Path file) {
        files.loadPlan(file);
    }

    /** Tools ▸ Measure… (Ctrl+M). */
    public void showMeasure() {
        tools.showMeasure();
    }

    /** Measure plan (toolbar, Ctrl+Shift+M): the current plan against the original, in the Plan results tab. */
    public void measurePlan() {
        measuring.measurePlan();
    }

    MeasuringTools measuring() {
        return measuring;
    }

    /** File ▸ Export… (Ctrl+E). */
    public void showExport() {
        tools.showExport();
    }

    public ExportDialog exportDialog() {
        return tools.exportDialog();
    }

    void focusFilter() {
        scene.lookup("#layerFilter").requestFocus();
    }

    void focusRatio() {
        if (scene.lookup("#ratioField") instanceof TextField f && f.isVisible()) {
            f.requestFocus();
            f.selectAll();
        }
    }

    void toggleProtect() {
        if (controls.hasTargetsProperty().get()) {
            controls.protectProperty().set(!controls.protectProperty().get());
        }
    }

    void applyDefaultsToAll() {
        defaults.applyToAll();
    }

    public void setTheme(Theme theme) {
        document.themeProperty().set(theme);
        state.saveTheme(theme);
    }

    void toggleTheme() {
        setTheme(document.themeProperty().get() == Theme.DARK ? Theme.LIGHT : Theme.DARK);
    }

    private void applyTheme(Theme theme) {
        scene.getStylesheets().setAll(theme.stylesheets());
        tools.applyStylesheets(scene.getStylesheets());
    }

    /** Shown in the status line, e.g. when the bundled sample model is missing. */
    public void showHint(String text) {
        document.statusProperty().set(text);
    }

    public void showError(String title, String header, String message) {
        dialogs.showError(title, header, message);
    }

    private boolean stopped;

    /** Remembers the layout, stops the workers and marks a clean exit (also called by {@code Application.stop}). */
    void shutdown() {
        saveState();
    }

    private void saveState() {
        if (stopped) {
            return;
        }
        stopped = true;
        state.save(stage);
        layout.saveDividers(state);
        loader.cancel();
        tools.cancel();
        measuring.shutdown();
        // A clean exit: the autosave is kept (it is the last session) but no crash will be reported.
        try {
            services.autosave().markStopped();
        } catch (IOException ignored) {
            // the marker may stay; the next start then offers the session once
        }
        workers.shutdown();
    }
}
