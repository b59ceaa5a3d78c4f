package io.prunescope.ui;

import javafx.scene.Scene;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

import java.util.List;

/**
 * The keyboard shortcuts: the list Help ▸ Keyboard Shortcuts shows (also in src/docs/ui.md), and the undo/redo keys
 * that work wherever the focus is. The other shortcuts are the menu items' accelerators ({@link MainMenu}).
 */
final class KeyboardShortcuts {

    /** Shortcut and what it does, in the order the help lists them. */
    static final List<String[]> LIST = List.of(
            new String[]{"Ctrl+O", "Open a model"},
            new String[]{"Ctrl+Shift+O", "Open a session"},
            new String[]{"Ctrl+S", "Save the session"},
            new String[]{"Ctrl+Shift+S", "Save the session as…"},
            new String[]{"Ctrl+E", "Export (hard/soft model, plan) and verify"},
            new String[]{"Ctrl+M", "Measure: latency, fidelity, accuracy, detection mAP, sensitivity, budget, recovery"},
            new String[]{"Ctrl+L", "Learn: every granularity and criterion on the selected layer (F5 there: presentation)"},
            new String[]{"Ctrl+Shift+M", "Measure plan: accuracy or mAP, fidelity and latency of the current plan"},
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

    private KeyboardShortcuts() {
    }

    /**
     * Undo/redo act on the plan even while a text field has the focus: a scene filter sees the keys first (the
     * field's own text undo would otherwise swallow Ctrl+Z right after a ratio was typed and applied).
     */
    static void installUndoRedo(Scene scene, Runnable undo, Runnable redo) {
        KeyCombination undoKey = KeyCombination.keyCombination("Shortcut+Z");
        KeyCombination redoKey = KeyCombination.keyCombination("Shortcut+Shift+Z");
        KeyCombination redoKey2 = KeyCombination.keyCombination("Shortcut+Y");
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (undoKey.match(e)) {
                undo.run();
                e.consume();
            } else if (redoKey.match(e) || redoKey2.match(e)) {
                redo.run();
                e.consume();
            }
        });
    }
}
