package io.prunescope.ui;

import io.prunescope.session.Workspace;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The File menu's choosers (open a model or session, save a session, load or save a plan): they ask for a file,
 * start in the folder used last and hand the file to {@link DocumentFiles}, which reads and writes it.
 */
final class FileChoosers {

    private static final String SESSIONS = "PruneScope sessions (*.session.json)";
    private static final String SESSION_PATTERN = "*.session.json";
    private static final String PLANS = "Pruning plans (*.json)";

    private final Stage stage;
    private final WindowState state;
    private final MainViewModel document;
    private final DocumentFiles files;
    private final Consumer<Path> openModel;

    FileChoosers(Stage stage, WindowState state, MainViewModel document, DocumentFiles files,
                 Consumer<Path> openModel) {
        this.stage = stage;
        this.state = state;
        this.document = document;
        this.files = files;
        this.openModel = openModel;
    }

    void chooseAndOpen() {
        File f = chooser("Open ONNX model", "ONNX models (*.onnx)", "*.onnx").showOpenDialog(stage);
        if (f != null) {
            remember(f);
            openModel.accept(f.toPath());
        }
    }

    void chooseAndOpenSession() {
        File f = chooser("Open session", SESSIONS, SESSION_PATTERN).showOpenDialog(stage);
        if (f != null) {
            remember(f);
            files.openSession(f.toPath());
        }
    }

    /** Ctrl+S: saves to the current session file, asking for one the first time. */
    void saveSession() {
        if (files.sessionPath() == null) {
            saveSessionAs();
        } else {
            files.saveSession(files.sessionPath());
        }
    }

    void saveSessionAs() {
        Workspace w = document.getWorkspace();
        if (w == null) {
            return;
        }
        FileChooser c = chooser("Save session", SESSIONS, SESSION_PATTERN);
        c.setInitialFileName(stem(w.model().displayName()) + ".session.json");
        File f = c.showSaveDialog(stage);
        if (f != null) {
            remember(f);
            files.saveSession(f.toPath());
        }
    }

    void chooseAndSavePlan() {
        Workspace w = document.getWorkspace();
        if (w == null) {
            return;
        }
        FileChooser c = chooser("Save plan", PLANS, "*.json");
        c.setInitialFileName(stem(w.model().displayName()) + "-plan.json");
        File f = c.showSaveDialog(stage);
        if (f != null) {
            remember(f);
            files.savePlan(f.toPath());
        }
    }

    void chooseAndLoadPlan() {
        if (document.getWorkspace() == null) {
            return;
        }
        File f = chooser("Load plan", PLANS, "*.json").showOpenDialog(stage);
        if (f != null) {
            remember(f);
            files.loadPlan(f.toPath());
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

    private static String stem(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".onnx") ? name.substring(0, name.length() - 5) : name;
    }
}
