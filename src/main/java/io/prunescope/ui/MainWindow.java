package io.prunescope.ui;

import io.prunescope.model.InputBindings;
import io.prunescope.model.Model;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Dialog;
import javafx.scene.control.SplitPane;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The main window: assembles the panels (layers | network | inspector, summary and status below), owns the worker
 * thread, and answers the loader's questions with dialogs. Layout, theme and recent files persist in preferences.
 */
public final class MainWindow implements LoadInteraction {

    private static final String SPLIT_KEY = "main";
    private final Stage stage;
    private final MainViewModel document = new MainViewModel();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "prunescope-worker");
        t.setDaemon(true);
        return t;
    });
    private final ModelLoader loader;
    private final RecentFiles recentFiles;
    private final WindowState state;
    private final SplitPane split = new SplitPane();
    private final Scene scene;

    public MainWindow(Stage stage, UiServices services) {
        this.stage = stage;
        this.state = new WindowState(services.preferences());
        this.recentFiles = new RecentFiles(services.preferences());
        this.loader = new ModelLoader(services, worker, document, this);
        loader.setOnOpened(recentFiles::add);
        document.themeProperty().set(state.theme());

        LayerTableView layers = new LayerTableView(new LayerTableViewModel(document));
        NetworkView network = new NetworkView(new NetworkViewModel(document));
        InspectorView inspector = new InspectorView(new InspectorViewModel(document));
        split.setId("mainSplit");
        split.getItems().addAll(layers, network, inspector.node());
        SplitPane.setResizableWithParent(layers, false);
        SplitPane.setResizableWithParent(inspector.node(), false);

        MainMenu menu = new MainMenu(this);
        BorderPane root = new BorderPane(split);
        root.setId("mainRoot");
        root.getStyleClass().add("main-root");
        root.setTop(new VBox(menu.menuBar(), menu.toolBar()));
        root.setBottom(new VBox(new SummaryBar(new SummaryViewModel(document)), new StatusBar(document, loader)));

        scene = new Scene(root, 1400, 860);
        applyTheme(document.themeProperty().get());
        document.themeProperty().addListener((obs, old, now) -> applyTheme(now));
        scene.setOnDragOver(this::dragOver);
        scene.setOnDragDropped(this::dragDropped);
        stage.setScene(scene);
        stage.titleProperty().bind(document.titleProperty());
        stage.setMinWidth(640);
        stage.setMinHeight(420);
        stage.setOnHidden(e -> saveState());
    }

    /** Restores the remembered size, position and dividers, then shows the window. */
    public void show() {
        state.restore(stage);
        stage.show();
        // Divider positions only stick once the split pane has its real width.
        Platform.runLater(() -> {
            state.restoreDividers(SPLIT_KEY, split, 0.48, 0.77);
            split.requestFocus(); // not the filter field: its focus ring would greet every start
        });
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

    public RecentFiles recentFiles() {
        return recentFiles;
    }

    public Scene scene() {
        return scene;
    }

    void chooseAndOpen() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open ONNX model");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("ONNX models (*.onnx)", "*.onnx"),
                new FileChooser.ExtensionFilter("All files", "*"));
        String last = state.lastFolder();
        if (last != null && Files.isDirectory(Path.of(last))) {
            chooser.setInitialDirectory(new File(last));
        }
        File f = chooser.showOpenDialog(stage);
        if (f != null) {
            if (f.getParentFile() != null) {
                state.saveLastFolder(f.getParentFile().getAbsolutePath());
            }
            open(f.toPath());
        }
    }

    void closeModel() {
        loader.cancel();
        document.close();
    }

    void quit() {
        saveState();
        stage.close();
        Platform.exit();
    }

    public void setTheme(Theme theme) {
        document.themeProperty().set(theme);
        state.saveTheme(theme);
    }

    private void applyTheme(Theme theme) {
        scene.getStylesheets().setAll(Theme.baseStylesheet(), theme.stylesheet());
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

    /** Shown in the status line, e.g. when the bundled sample model is missing. */
    public void showHint(String text) {
        document.statusProperty().set(text);
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

    private void saveState() {
        state.save(stage);
        state.saveDividers(SPLIT_KEY, split);
        worker.shutdownNow();
    }
}
