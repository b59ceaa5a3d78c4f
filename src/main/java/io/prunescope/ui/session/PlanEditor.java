package io.prunescope.ui.session;

import io.prunescope.prune.PruningPlan;
import io.prunescope.session.PlanHistory;
import io.prunescope.session.Workspace;
import io.prunescope.ui.MainViewModel;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Every edit of the plan goes through here: it is recorded in the {@link PlanHistory} (undo/redo, slider drags
 * merged by their merge key), becomes the document's plan, and is handed to the edit listener (autosave). The
 * labels for the Edit menu ("Undo ratio of conv2") are properties.
 */
public final class PlanEditor {

    private final MainViewModel document;
    private PlanHistory history;
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");
    private final ReadOnlyStringWrapper undoText = new ReadOnlyStringWrapper(this, "undoText", "Undo");
    private final ReadOnlyStringWrapper redoText = new ReadOnlyStringWrapper(this, "redoText", "Redo");
    private Consumer<PruningPlan> onChange = p -> { };

    public PlanEditor(MainViewModel document) {
        this.document = document;
        document.workspaceProperty().addListener((obs, old, now) -> {
            if (now == null) {
                history = null;
                refresh();
            }
        });
    }

    /** Called after every change of the current plan (edit, undo, redo, install), on the FX thread. */
    public void setOnChange(Consumer<PruningPlan> onChange) {
        this.onChange = onChange;
    }

    /** A model was opened: fresh history starting at {@code plan}. */
    public void install(Workspace workspace, PruningPlan plan) {
        history = new PlanHistory(plan);
        history.addListener(p -> {
            document.planProperty().set(p);
            refresh();
            onChange.accept(p);
        });
        document.install(workspace, plan);
        refresh();
        onChange.accept(plan);
    }

    /** Replaces the plan as one undoable step (loading a plan file). */
    public void replace(PruningPlan plan, String label) {
        apply(p -> plan, label, null);
    }

    public boolean isOpen() {
        return history != null;
    }

    public PruningPlan current() {
        return history == null ? null : history.current();
    }

    /**
     * Applies an edit. {@code mergeKey} non-null and equal to the previous edit's merges the two into one undo step
     * (a slider being dragged).
     */
    public void apply(UnaryOperator<PruningPlan> edit, String label, String mergeKey) {
        if (history == null) {
            return;
        }
        history.apply(edit.apply(history.current()), label, mergeKey);
    }

    public void undo() {
        if (history != null) {
            history.undo();
        }
    }

    public void redo() {
        if (history != null) {
            history.redo();
        }
    }

    private void refresh() {
        boolean u = history != null && history.canUndo();
        boolean r = history != null && history.canRedo();
        canUndo.set(u);
        canRedo.set(r);
        undoText.set(u ? "Undo " + history.undoLabel() : "Undo");
        redoText.set(r ? "Redo " + history.redoLabel() : "Redo");
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty undoTextProperty() {
        return undoText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty redoTextProperty() {
        return redoText.getReadOnlyProperty();
    }
}
