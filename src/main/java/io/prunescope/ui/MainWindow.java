package io.prunescope.ui;

import io.prunescope.ui.measure.MeasureWindow;
import io.prunescope.analysis.PrunableLayer;
import io.prunescope.model.InputBindings;
import io.prunescope.model.Model;
import io.prunescope.prune.LayerSetting;
import io.prunescope.prune.PruningPlan;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.session.Autosave;
import io.prunescope.session.SessionFile;
import io.prunescope.session.Workspace;
import io.prunescope.ui.export.ExportDialog;
import io.prunescope.ui.export.ExportViewModel;
import io.prunescope.ui.heatmap.HeatmapPanel;
import io.prunescope.ui.inspector.CouplingViewModel;
import io.prunescope.ui.inspector.DefaultsViewModel;
import io.prunescope.ui.inspector.LayerControlsViewModel;
import io.prunescope.ui.inspector.PruningPanel;
import io.prunescope.ui.preview.ChartsPanel;
import io.prunescope.ui.preview.PreviewService;
import io.prunescope.ui.session.PlanEditor;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The main window: assembles the panels (layers | network | inspector, charts, summary and status below), owns the
 * worker threads, the plan editor (undo/redo, autosave) and the live preview, and answers the loader's questions
 * with dialogs. Layout, theme, recent files and export choices persist in preferences.
 */
public final class MainWindow implements LoadInteraction {

    /** Layers | network (keys new since the inspector spans the full height beside them and the tabs). */
    private static final String SPLIT_KEY = "panes";
    /** Layers and network over the tabs | inspector. */
    private static final String COLUMNS_KEY = "columns";
    /** New key since the bottom area became tabs with the heatmaps: an old, low divider would squash them. */
    private static final String VSPLIT_KEY = "verticalTabs";
    /** Default split between the panels and the tabs below: room for a heatmap without scrolling. */
    private static final double VSPLIT_DEFAULT = 0.54;
    private static final double SPLIT_DEFAULT = 0.58;
    private static final double COLUMNS_DEFAULT = 0.71;
    private final Stage stage;
    private final MainViewModel document = new MainViewModel();
    /** Loading, exporting and verifying: one long task at a time. */
    private final ExecutorService worker = executor("prunescope-worker");
    /** The live preview (decide + costs), latest request wins. */
    private final ExecutorService previewWorker = executor("prunescope-preview");
    /** Scores for the histogram. */
    private final ExecutorService scoresWorker = executor("prunescope-scores");
    /** Small file reads and writes: sessions, plans, autosave. */
    private final ExecutorService io = executor("prunescope-io");
    private final UiServices services;
    private final ModelLoader loader;
    private final RecentFiles recentFiles;
    private final WindowState state;
    private final PlanEditor editor;
    private final PreviewService previews;
    private final LayerControlsViewModel controls;
    private final DefaultsViewModel defaults;
    private final ChartsPanel charts;
    private final AnalysisTabs analysisTabs;
    private final SplitPane split = new SplitPane();
    private final SplitPane vsplit = new SplitPane();
    private final SplitPane columns = new SplitPane();
    private final Scene scene;
    private final BooleanBinding busy;
    private final DocumentFiles files;
    private String demoSpec;
    private ExportDialog exportDialog;
    private MeasureWindow measureWindow;

    public MainWindow(Stage stage, UiServices services) {
        this.stage = stage;
        this.services = services;
        this.state = new WindowState(services.preferences());
        this.recentFiles = new RecentFiles(services.preferences());
        this.loader = new ModelLoader(services.opener(), worker, document, this);
        this.editor = new PlanEditor(document);
        this.files = new DocumentFiles(document, editor, loader, services.autosave(), io, this::showError);
        this.previews = new PreviewService(document, previewWorker);
        loader.setInstaller(this::install);
        loader.setOnOpened(recentFiles::add);
        editor.setOnChange(p -> files.autosave());
        document.themeProperty().set(state.theme());

        LayerTableView layers = new LayerTableView(new LayerTableViewModel(document));
        NetworkView network = new NetworkView(new NetworkViewModel(document));
        controls = new LayerControlsViewModel(document, editor);
        defaults = new DefaultsViewModel(document, editor);
        PruningPanel pruning = new PruningPanel(controls, new CouplingViewModel(document), defaults);
        InspectorView inspector = new InspectorView(new InspectorViewModel(document), pruning.node());
        // The inspector spans the full height on the right, so the pruning controls stay in view next to the
        // heatmaps; layers | network sit above the tabs (Heatmaps · Per-layer costs · Score histogram).
        split.setId("panesSplit");
        split.getItems().addAll(layers, network);
        charts = new ChartsPanel(document, scoresWorker);
        HeatmapPanel heatmap = new HeatmapPanel();
        analysisTabs = new AnalysisTabs(document, heatmap, charts, services.preferences());
        vsplit.setId("verticalSplit");
        vsplit.setOrientation(Orientation.VERTICAL);
        vsplit.getItems().addAll(split, analysisTabs.node());
        analysisTabs.node().setMinHeight(160);
        analysisTabs.node().setPrefHeight(380);
        split.setMinHeight(200);
        columns.setId("mainSplit");
        columns.getItems().addAll(vsplit, inspector.node());
        SplitPane.setResizableWithParent(inspector.node(), false);
        busy = Bindings.createBooleanBinding(() -> loader.busyProperty().get() || previews.busyProperty().get()
                        || charts.scoringProperty().get() || heatmap.busyProperty().get(), loader.busyProperty(),
                previews.busyProperty(), charts.scoringProperty(), heatmap.busyProperty());

        MainMenu menu = new MainMenu(this);
        BorderPane root = new BorderPane(columns);
        root.setId("mainRoot");
        root.getStyleClass().add("main-root");
        root.setTop(new VBox(menu.menuBar(), menu.toolBar()));
        root.setBottom(new VBox(new SummaryBar(new SummaryViewModel(document)), new StatusBar(document, loader)));

        scene = new Scene(root, 1400, 900);
        // Undo/redo act on the plan even while a text field has the focus (the field's own text undo would
        // otherwise swallow Ctrl+Z right after a ratio was typed and applied).
        KeyCombination undoKey = KeyCombination.keyCombination("Shortcut+Z");
        KeyCombination redoKey = KeyCombination.keyCombination("Shortcut+Shift+Z");
        KeyCombination redoKey2 = KeyCombination.keyCombination("Shortcut+Y");
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (undoKey.match(e)) {
                undo();
                e.consume();
            } else if (redoKey.match(e) || redoKey2.match(e)) {
                redo();
                e.consume();
            }
        });
        applyTheme(document.themeProperty().get());
        document.themeProperty().addListener((obs, old, now) -> applyTheme(now));
        scene.setOnDragOver(this::dragOver);
        scene.setOnDragDropped(this::dragDropped);
        stage.setScene(scene);
        stage.titleProperty().bind(document.titleProperty());
        stage.setMinWidth(800);
        stage.setMinHeight(560);
        stage.setOnHidden(e -> saveState());
    }

    private static ExecutorService executor(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Restores the remembered size, position and dividers, then shows the window. */
    public void show() {
        state.restore(stage);
        stage.show();
        // Divider positions only stick once the split pane has its real width.
        Platform.runLater(() -> {
            state.restoreDividers(COLUMNS_KEY, columns, COLUMNS_DEFAULT);
            state.restoreDividers(SPLIT_KEY, split, SPLIT_DEFAULT);
            state.restoreDividers(VSPLIT_KEY, vsplit, VSPLIT_DEFAULT);
            split.requestFocus(); // not the filter field: its focus ring would greet every start
        });
    }

    /** Back to the default layout of the panels (screenshots). */
    void resetDividers() {
        columns.setDividerPositions(COLUMNS_DEFAULT);
        split.setDividerPositions(SPLIT_DEFAULT);
        vsplit.setDividerPositions(VSPLIT_DEFAULT);
        analysisTabs.select(AnalysisTabs.HEATMAPS);
    }

    /**
     * Start-up: marks the session as running (for crash detection) after offering to restore the session of a run
     * that did not end cleanly; otherwise opens {@code initialModel} (may be null).
     */
    public void startup(Path initialModel, Runnable otherwise) {
        Autosave autosave = services.autosave();
        Optional<SessionFile> crashed = autosave.crashedSession();
        try {
            autosave.markRunning();
        } catch (IOException e) {
            document.statusProperty().set("Autosave is off: " + e.getMessage());
        }
        if (crashed.isPresent()) {
            offerRestore(crashed.get(), initialModel, otherwise);
        } else if (initialModel != null) {
            open(initialModel);
        } else {
            otherwise.run();
        }
    }

    private void offerRestore(SessionFile session, Path initialModel, Runnable otherwise) {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION);
        ask.setTitle("Restore session");
        ask.setHeaderText("PruneScope did not close cleanly last time");
        ask.setContentText("Restore the autosaved session of " + session.model().getFileName() + " ("
                + session.plan().layers().size() + " layer settings)?");
        ButtonType restore = new ButtonType("Restore", ButtonBar.ButtonData.OK_DONE);
        ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.CANCEL_CLOSE);
        ask.getButtonTypes().setAll(restore, discard);
        ask.getDialogPane().setId("restoreDialog");
        style(ask);
        ask.setOnHidden(e -> {
            if (ask.getResult() == restore) {
                files.openSession(session);
            } else {
                try {
                    services.autosave().discard();
                } catch (IOException ignored) {
                    // nothing to forget
                }
                if (initialModel != null) {
                    open(initialModel);
                } else {
                    otherwise.run();
                }
            }
        });
        ask.show();
    }

    private void install(Workspace workspace, PruningPlan plan) {
        editor.install(workspace, plan == null ? workspace.emptyPlan() : plan);
        if (demoSpec != null) {
            String spec = demoSpec;
            demoSpec = null;
            applyDemo(spec);
        }
    }

    /**
     * The hidden demo option ({@code --demo-plan=fpgm:0.3}): every layer gets a filter plan with that criterion and
     * ratio, and a layer in the middle of the network is selected. Applied once the next model has opened.
     */
    public void setDemo(String spec) {
        this.demoSpec = spec;
    }

    void applyDemo(String spec) {
        String[] parts = spec.split(":");
        Criterion c = switch (parts[0].toLowerCase(Locale.ROOT)) {
            case "l1" -> Criterion.L1;
            case "l2" -> Criterion.L2;
            case "gm", "median" -> Criterion.GEOMETRIC_MEDIAN;
            case "bn" -> Criterion.BN_SCALE;
            case "random" -> Criterion.RANDOM;
            default -> Criterion.FPGM;
        };
        double ratio = parts.length > 1 ? Double.parseDouble(parts[1]) : 0.3;
        editor.apply(p -> p.withDefaults(new LayerSetting(Granularity.FILTER, c, ratio, false, 2, 4))
                .applyDefaultsToAll(), "demo plan", null);
        Workspace w = document.getWorkspace();
        List<PrunableLayer> prunable = w.analysis().prunableLayers().stream()
                .filter(l -> w.engine().whyFiltersNotPrunable(l.name()).isEmpty()).toList();
        if (!prunable.isEmpty()) {
            document.selectedNodeProperty().set(prunable.get(prunable.size() / 2).node());
        }
    }

    public void open(Path file) {
        loader.open(file);
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

    /** True while a model loads, the preview is computing or the histogram is scoring. */
    public BooleanBinding busyProperty() {
        return busy;
    }

    public Path sessionPath() {
        return files.sessionPath();
    }

    // ---- actions --------------------------------------------------------------------------------------------

    void chooseAndOpen() {
        File f = chooser("Open ONNX model", "ONNX models (*.onnx)", "*.onnx").showOpenDialog(stage);
        if (f != null) {
            remember(f);
            open(f.toPath());
        }
    }

    private FileChooser chooser(String title, String filterName, String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(filterName, pattern),
                new FileChooser.ExtensionFilter("All files", "*"));
        String last = state.lastFolder();
        if (last != null && Files.isDirectory(Path.of(last))) {
            chooser.setInitialDirectory(new File(last));
        }
        return chooser;
    }

    private void remember(File f) {
        if (f.getParentFile() != null) {
            state.saveLastFolder(f.getParentFile().getAbsolutePath());
        }
    }

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

    void chooseAndOpenSession() {
        File f = chooser("Open session", "PruneScope sessions (*.session.json)", "*.session.json")
                .showOpenDialog(stage);
        if (f != null) {
            remember(f);
            openSession(f.toPath());
        }
    }

    /** Reads a session file off the FX thread, then opens its model with its input sizes and plan. */
    public void openSession(Path file) {
        files.openSession(file);
    }

    /** Ctrl+S: saves to the current session file, asking for one the first time. */
    void saveSession() {
        if (files.sessionPath() == null) {
            saveSessionAs();
        } else {
            saveSession(files.sessionPath());
        }
    }

    void saveSessionAs() {
        if (document.getWorkspace() == null) {
            return;
        }
        FileChooser c = chooser("Save session", "PruneScope sessions (*.session.json)", "*.session.json");
        c.setInitialFileName(stem(document.getWorkspace().model().displayName()) + ".session.json");
        File f = c.showSaveDialog(stage);
        if (f != null) {
            remember(f);
            saveSession(f.toPath());
        }
    }

    /** Writes the session (model, input sizes, plan) off the FX thread. */
    public void saveSession(Path file) {
        files.saveSession(file);
    }

    void chooseAndSavePlan() {
        if (document.getWorkspace() == null) {
            return;
        }
        FileChooser c = chooser("Save plan", "Pruning plans (*.json)", "*.json");
        c.setInitialFileName(stem(document.getWorkspace().model().displayName()) + "-plan.json");
        File f = c.showSaveDialog(stage);
        if (f != null) {
            remember(f);
            savePlan(f.toPath());
        }
    }

    public void savePlan(Path file) {
        files.savePlan(file);
    }

    void chooseAndLoadPlan() {
        if (document.getWorkspace() == null) {
            return;
        }
        File f = chooser("Load plan", "Pruning plans (*.json)", "*.json").showOpenDialog(stage);
        if (f != null) {
            remember(f);
            loadPlan(f.toPath());
        }
    }

    /** Reads and checks a plan off the FX thread; a plan for another model is refused with the engine's reason. */
    public void loadPlan(Path file) {
        files.loadPlan(file);
    }

    /** Tools ▸ Measure… (Ctrl+M): latency, fidelity, accuracy, detection mAP, sensitivity, budget and recovery. */
    public void showMeasure() {
        Workspace w = document.getWorkspace();
        if (w == null || editor.current() == null) {
            return;
        }
        MeasureWindow m = MeasureWindow.create(w, document.planProperty(),
                plan -> editor.replace(plan, "plan from budget"));
        m.stage().initOwner(stage); // before it is shown: JavaFX refuses an owner afterwards
        m.stage().getScene().getStylesheets().setAll(stage.getScene().getStylesheets());
        m.stage().show();
        measureWindow = m;
    }

    /** File ▸ Export… (Ctrl+E). */
    public void showExport() {
        Workspace w = document.getWorkspace();
        PruningPlan plan = editor.current();
        if (w == null || plan == null) {
            return;
        }
        if (exportDialog != null && exportDialog.isShowing()) {
            ((Stage) exportDialog.getDialogPane().getScene().getWindow()).toFront();
            return;
        }
        ExportViewModel vm = new ExportViewModel(w, plan, worker, services.preferences());
        vm.setOnError((header, text) -> showError("Export failed", header, text));
        // Images already chosen in the measure window exercise the model better than synthetic inputs.
        vm.setProofInputs(measureWindow == null ? null : measureWindow.proofInputs(w));
        exportDialog = new ExportDialog(stage, vm, w.model().displayName());
        style(exportDialog);
        exportDialog.show();
    }

    public ExportDialog exportDialog() {
        return exportDialog;
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
        if (exportDialog != null) {
            exportDialog.getDialogPane().getStylesheets().setAll(scene.getStylesheets());
        }
    }

    void showAbout() {
        Alert about = new Alert(Alert.AlertType.INFORMATION);
        about.setTitle("About PruneScope");
        about.setHeaderText("PruneScope");
        about.setContentText("A workbench for pruning neural networks, visually.\n\n"
                + "Open an ONNX model, see each layer's shape and cost, choose how to prune it, "
                + "preview the savings and export the pruned model.\n\nJava " + System.getProperty("java.version")
                + ", JavaFX " + System.getProperty("javafx.runtime.version", "?"));
        style(about);
        about.show();
    }

    /** The keyboard shortcuts, as Help ▸ Keyboard Shortcuts lists them (also in src/docs/ui.md). */
    public static final List<String[]> SHORTCUTS = List.of(
            new String[]{"Ctrl+O", "Open a model"},
            new String[]{"Ctrl+Shift+O", "Open a session"},
            new String[]{"Ctrl+S", "Save the session"},
            new String[]{"Ctrl+Shift+S", "Save the session as…"},
            new String[]{"Ctrl+E", "Export (hard/soft model, plan) and verify"},
            new String[]{"Ctrl+M", "Measure: latency, fidelity, accuracy, detection mAP, sensitivity, budget, recovery"},
            new String[]{"Ctrl+Z", "Undo the last edit"},
            new String[]{"Ctrl+Shift+Z, Ctrl+Y", "Redo"},
            new String[]{"Ctrl+F", "Filter the layer table"},
            new String[]{"Ctrl+R", "Type the selected layer's ratio"},
            new String[]{"Ctrl+P", "Protect / unprotect the selected layer(s)"},
            new String[]{"Ctrl+Shift+A", "Apply the defaults to all layers"},
            new String[]{"Ctrl+D", "Switch light/dark theme"},
            new String[]{"Ctrl+W", "Close the model"},
            new String[]{"Ctrl+Q", "Quit"},
            new String[]{"F1", "This list"},
            new String[]{"Ctrl/Shift-click", "Select several layers in the table: the inspector edits them all"});

    void showShortcuts() {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.setTitle("Keyboard shortcuts");
        a.setHeaderText("Keyboard shortcuts");
        StringBuilder sb = new StringBuilder();
        for (String[] s : SHORTCUTS) {
            sb.append(String.format(Locale.ROOT, "%-22s %s%n", s[0], s[1]));
        }
        javafx.scene.control.Label text = new javafx.scene.control.Label(sb.toString().strip());
        text.getStyleClass().add("mono");
        a.getDialogPane().setContent(text);
        a.getDialogPane().setId("shortcutsDialog");
        style(a);
        a.show();
    }

    /** Shown in the status line, e.g. when the bundled sample model is missing. */
    public void showHint(String text) {
        document.statusProperty().set(text);
    }

    public void showError(String title, String header, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.setTitle(title);
        alert.setHeaderText(header);
        alert.setContentText(message == null ? "Unknown error" : message);
        alert.getDialogPane().setId("errorDialog");
        style(alert);
        alert.show();
    }

    @Override
    public void showLoadError(Path file, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.setTitle("Could not open model");
        alert.setHeaderText("Could not open " + file.getFileName());
        alert.setContentText(message);
        alert.getDialogPane().setId("loadErrorDialog");
        style(alert);
        alert.show();
    }

    @Override
    public void askDimensions(Model model, InputBindings current, List<String> missing,
                              Consumer<Optional<InputBindings>> answer) {
        DimensionsViewModel vm = DimensionsViewModel.from(model, missing);
        if (vm.entries().isEmpty()) {
            showLoadError(model.source() == null ? Path.of(model.displayName()) : model.source(),
                    "The model's input sizes are unknown and cannot be asked for: " + String.join(", ", missing));
            answer.accept(Optional.empty());
            return;
        }
        DimensionsDialog dialog = new DimensionsDialog(stage, vm, current);
        dialog.getDialogPane().setId("dimensionsDialog");
        style(dialog);
        dialog.setOnHidden(e -> answer.accept(Optional.ofNullable(dialog.getResult())));
        dialog.show();
    }

    private void style(Dialog<?> dialog) {
        if (dialog.getOwner() == null) {
            dialog.initOwner(stage);
        }
        dialog.getDialogPane().getStylesheets().setAll(scene.getStylesheets());
    }

    private static String stem(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".onnx") ? name.substring(0, name.length() - 5) : name;
    }

    private void dragOver(DragEvent e) {
        if (e.getDragboard().hasFiles() && onnxFile(e.getDragboard().getFiles()) != null) {
            e.acceptTransferModes(TransferMode.COPY);
        }
        e.consume();
    }

    private void dragDropped(DragEvent e) {
        File f = e.getDragboard().hasFiles() ? onnxFile(e.getDragboard().getFiles()) : null;
        if (f != null) {
            open(f.toPath());
        }
        e.setDropCompleted(f != null);
        e.consume();
    }

    private static File onnxFile(List<File> files) {
        return files.stream().filter(f -> f.getName().toLowerCase(Locale.ROOT).endsWith(".onnx")).findFirst()
                .orElse(null);
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
        state.saveDividers(COLUMNS_KEY, columns);
        state.saveDividers(SPLIT_KEY, split);
        state.saveDividers(VSPLIT_KEY, vsplit);
        loader.cancel();
        if (exportDialog != null) {
            exportDialog.viewModel().cancel();
        }
        // A clean exit: the autosave is kept (it is the last session) but no crash will be reported.
        try {
            services.autosave().markStopped();
        } catch (IOException ignored) {
            // the marker may stay; the next start then offers the session once
        }
        io.shutdown();
        worker.shutdownNow();
        previewWorker.shutdownNow();
        scoresWorker.shutdownNow();
    }
}
