package io.prunescope.ui;

import io.prunescope.model.InputBindings;
import io.prunescope.model.Model;
import io.prunescope.session.SessionFile;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The main window's message dialogs (errors, restore after a crash, input sizes, shortcuts, about), each owned by
 * the window and styled with its current theme. Answers the loader's questions ({@link LoadInteraction}).
 */
final class WindowDialogs implements LoadInteraction {

    private final Stage stage;

    WindowDialogs(Stage stage) {
        this.stage = stage;
    }

    /** Owned by the window (so it stays in front of it) and in the window's theme. */
    void style(Dialog<?> dialog) {
        if (dialog.getOwner() == null) {
            dialog.initOwner(stage);
        }
        if (stage.getScene() != null) {
            dialog.getDialogPane().getStylesheets().setAll(stage.getScene().getStylesheets());
        }
    }

    /** Offers to restore the autosaved session of a run that did not end cleanly; {@code discard} otherwise. */
    void offerRestore(SessionFile session, Runnable restore, Runnable discard) {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION);
        ask.setTitle("Restore session");
        ask.setHeaderText("PruneScope did not close cleanly last time");
        ask.setContentText("Restore the autosaved session of " + session.model().getFileName() + " ("
                + session.plan().layers().size() + " layer settings)?");
        ButtonType restoreButton = new ButtonType("Restore", ButtonBar.ButtonData.OK_DONE);
        ButtonType discardButton = new ButtonType("Discard", ButtonBar.ButtonData.CANCEL_CLOSE);
        ask.getButtonTypes().setAll(restoreButton, discardButton);
        ask.getDialogPane().setId("restoreDialog");
        style(ask);
        ask.setOnHidden(e -> (ask.getResult() == restoreButton ? restore : discard).run());
        ask.show();
    }

    /** Help ▸ About: versions, bundled libraries and their licences ({@link io.prunescope.ui.about.AboutDialog}). */
    void showAbout() {
        var about = new io.prunescope.ui.about.AboutDialog(stage,
                io.prunescope.ui.about.AboutViewModel.current(System.getProperty("javafx.runtime.version")));
        style(about);
        about.show();
    }

    /** Help ▸ Keyboard Shortcuts (F1): {@link KeyboardShortcuts#LIST} in a monospaced table. */
    void showShortcuts() {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.setTitle("Keyboard shortcuts");
        a.setHeaderText("Keyboard shortcuts");
        StringBuilder sb = new StringBuilder();
        for (String[] s : KeyboardShortcuts.LIST) {
            sb.append(String.format(Locale.ROOT, "%-22s %s%n", s[0], s[1]));
        }
        Label text = new Label(sb.toString().strip());
        text.getStyleClass().add("mono");
        a.getDialogPane().setContent(text);
        a.getDialogPane().setId("shortcutsDialog");
        style(a);
        a.show();
    }

    void showError(String title, String header, String message) {
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
}
