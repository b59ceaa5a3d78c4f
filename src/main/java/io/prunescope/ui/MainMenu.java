package io.prunescope.ui;

import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.Region;

import java.nio.file.Path;

/**
 * The menu bar and the toolbar of the main window; every action goes to {@link MainWindow}, its
 * {@link FileChoosers} or its {@link WindowDialogs}.
 */
final class MainMenu {

    private final MainWindow window;
    private final Menu recentMenu = new Menu("Open Recent");
    private final LearnActions learn;

    MainMenu(MainWindow window) {
        this.window = window;
        this.learn = new LearnActions(window);
    }

    LearnActions learn() {
        return learn;
    }

    MenuBar menuBar() {
        var noModel = window.document().analysisProperty().isNull();
        MenuItem open = item("Open…", "menuOpen", "Shortcut+O", window.choosers()::chooseAndOpen);
        recentMenu.setId("menuRecent");
        window.recentFiles().files().addListener((ListChangeListener<Path>) c -> fillRecent());
        fillRecent();
        MenuItem openSession = item("Open Session…", "menuOpenSession", "Shortcut+Shift+O",
                window.choosers()::chooseAndOpenSession);
        MenuItem saveSession = item("Save Session", "menuSaveSession", "Shortcut+S",
                window.choosers()::saveSession);
        saveSession.disableProperty().bind(noModel);
        MenuItem saveSessionAs = item("Save Session As…", "menuSaveSessionAs", "Shortcut+Shift+S",
                window.choosers()::saveSessionAs);
        saveSessionAs.disableProperty().bind(noModel);
        MenuItem loadPlan = item("Load Plan…", "menuLoadPlan", null, window.choosers()::chooseAndLoadPlan);
        loadPlan.disableProperty().bind(noModel);
        MenuItem savePlan = item("Save Plan…", "menuSavePlan", null, window.choosers()::chooseAndSavePlan);
        savePlan.disableProperty().bind(noModel);
        MenuItem export = item("Export…", "menuExport", "Shortcut+E", window::showExport);
        export.disableProperty().bind(noModel);
        MenuItem close = item("Close", "menuClose", "Shortcut+W", window::closeModel);
        close.disableProperty().bind(noModel);
        MenuItem quit = item("Quit", "menuQuit", "Shortcut+Q", window::quit);
        Menu file = new Menu("File", null, open, recentMenu, new SeparatorMenuItem(), openSession, saveSession,
                saveSessionAs, new SeparatorMenuItem(), loadPlan, savePlan, new SeparatorMenuItem(), export,
                new SeparatorMenuItem(), close, new SeparatorMenuItem(), quit);

        MenuItem undo = item("Undo", "menuUndo", "Shortcut+Z", window::undo);
        undo.textProperty().bind(window.editor().undoTextProperty());
        undo.disableProperty().bind(window.editor().canUndoProperty().not());
        MenuItem redo = item("Redo", "menuRedo", "Shortcut+Shift+Z", window::redo);
        redo.textProperty().bind(window.editor().redoTextProperty());
        redo.disableProperty().bind(window.editor().canRedoProperty().not());
        MenuItem filter = item("Filter Layers", "menuFilter", "Shortcut+F", window::focusFilter);
        MenuItem ratio = item("Edit Ratio", "menuRatio", "Shortcut+R", window::focusRatio);
        MenuItem protect = item("Protect / Unprotect Layer", "menuProtect", "Shortcut+P", window::toggleProtect);
        MenuItem applyAll = item("Apply Defaults to All Layers", "menuApplyDefaults", "Shortcut+Shift+A",
                window::applyDefaultsToAll);
        for (MenuItem m : new MenuItem[]{ratio, protect, applyAll}) {
            m.disableProperty().bind(noModel);
        }
        Menu edit = new Menu("Edit", null, undo, redo, new SeparatorMenuItem(), filter, ratio, protect,
                new SeparatorMenuItem(), applyAll);

        ToggleGroup themes = new ToggleGroup();
        Menu view = new Menu("View");
        for (Theme t : Theme.values()) {
            RadioMenuItem item = new RadioMenuItem(t.label() + " theme");
            item.setId("menuTheme" + t.label());
            item.setToggleGroup(themes);
            item.setSelected(window.document().themeProperty().get() == t);
            item.setOnAction(e -> window.setTheme(t));
            window.document().themeProperty().addListener((obs, old, now) -> item.setSelected(now == t));
            view.getItems().add(item);
        }
        javafx.scene.control.CheckMenuItem bySensitivity = new javafx.scene.control.CheckMenuItem(
                "Colour Network by Sensitivity");
        bySensitivity.setId("menuSensitivityColours");
        bySensitivity.selectedProperty().bindBidirectional(window.measuring().colourBySensitivity());
        view.getItems().addAll(new SeparatorMenuItem(),
                item("Switch Theme", "menuToggleTheme", "Shortcut+D", window::toggleTheme), bySensitivity);
        MenuItem measurePlan = item("Measure Plan", "menuMeasurePlan", "Shortcut+Shift+M", window::measurePlan);
        measurePlan.disableProperty().bind(noModel);
        Menu tools = new Menu("Tools", null,
                item("Measure…", "menuMeasure", "Shortcut+M", window::showMeasure), measurePlan);
        MenuItem learnLayer = item("Learn: Selected Layer…", "menuLearn", "Shortcut+L", learn::showLearn);
        learnLayer.disableProperty().bind(noModel);
        Menu help = new Menu("Help", null,
                item("Keyboard Shortcuts", "menuShortcuts", "F1", window.dialogs()::showShortcuts),
                learnLayer, item("Guided Tour", "menuTour", null, learn::startTour),
                item("About PruneScope", "menuAbout", null, window.dialogs()::showAbout));
        MenuBar bar = new MenuBar(file, edit, view, tools, help);
        bar.setId("menuBar");
        return bar;
    }

    private void fillRecent() {
        recentMenu.getItems().clear();
        for (Path p : window.recentFiles().files()) {
            MenuItem item = new MenuItem(p.getFileName() + "   " + p.getParent());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> window.open(p));
            recentMenu.getItems().add(item);
        }
        if (recentMenu.getItems().isEmpty()) {
            MenuItem none = new MenuItem("No recent models");
            none.setDisable(true);
            recentMenu.getItems().add(none);
        } else {
            recentMenu.getItems().addAll(new SeparatorMenuItem(),
                    item("Clear list", "menuClearRecent", null, () -> window.recentFiles().clear()));
        }
    }

    ToolBar toolBar() {
        var noModel = window.document().analysisProperty().isNull();
        Button open = button("Open…", "icon-open", "Open an ONNX model (Ctrl+O)",
                window.choosers()::chooseAndOpen);
        open.setId("toolOpen");
        Button close = button("Close", "icon-close", "Close the model (Ctrl+W)", window::closeModel);
        close.disableProperty().bind(noModel);
        Button undo = button("Undo", "icon-undo", "Undo (Ctrl+Z)", window::undo);
        undo.setId("toolUndo");
        undo.disableProperty().bind(window.editor().canUndoProperty().not());
        Button redo = button("Redo", "icon-redo", "Redo (Ctrl+Shift+Z)", window::redo);
        redo.setId("toolRedo");
        redo.disableProperty().bind(window.editor().canRedoProperty().not());
        Button save = button("Save", "icon-save", "Save the session (Ctrl+S)", window.choosers()::saveSession);
        save.setId("toolSave");
        save.disableProperty().bind(noModel);
        Button export = button("Export…", "icon-export", "Export the pruned model and verify it (Ctrl+E)",
                window::showExport);
        export.setId("toolExport");
        export.disableProperty().bind(noModel);
        Button measure = button("Measure plan", "icon-measure",
                "Accuracy (or mAP), fidelity and latency of the current plan against the original (Ctrl+Shift+M)",
                window::measurePlan);
        measure.setId("toolMeasurePlan");
        measure.disableProperty().bind(noModel);
        ToggleButton dark = new ToggleButton("Dark");
        dark.setId("toolDark");
        dark.setGraphic(icon("icon-theme"));
        dark.setTooltip(new Tooltip("Switch between the light and the dark theme (Ctrl+D)"));
        dark.setSelected(window.document().themeProperty().get() == Theme.DARK);
        window.document().themeProperty().addListener((obs, old, now) -> dark.setSelected(now == Theme.DARK));
        dark.setOnAction(e -> window.setTheme(dark.isSelected() ? Theme.DARK : Theme.LIGHT));
        Region spacer = new Region();
        spacer.getStyleClass().add("toolbar-spacer");
        javafx.scene.layout.HBox.setHgrow(spacer, javafx.scene.layout.Priority.ALWAYS);
        ToolBar bar = new ToolBar(open, close, new Separator(), undo, redo, new Separator(), save, export, measure,
                spacer, dark);
        bar.setId("toolBar");
        return bar;
    }

    private static Region icon(String cls) {
        Region r = new Region();
        r.getStyleClass().addAll("icon", cls);
        return r;
    }

    private static Button button(String text, String iconClass, String tip, Runnable action) {
        Button b = new Button(text, icon(iconClass));
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    private static MenuItem item(String text, String id, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }
}
