package io.prunescope.session;

import io.prunescope.prune.PruningPlan;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Undo and redo over plans. Plans are immutable, so every edit is simply "the plan after it", with a label for the
 * Edit menu. Consecutive edits with the same merge key (a slider being dragged) collapse into one undo step.
 */
public final class PlanHistory {

    private record Entry(PruningPlan plan, String label, String mergeKey) {
    }

    private final Deque<Entry> undo = new ArrayDeque<>();
    private final Deque<Entry> redo = new ArrayDeque<>();
    private final List<Consumer<PruningPlan>> listeners = new CopyOnWriteArrayList<>();
    private Entry current;
    private final int limit;

    public PlanHistory(PruningPlan initial) {
        this(initial, 500);
    }

    public PlanHistory(PruningPlan initial, int limit) {
        this.current = new Entry(initial, "open", null);
        this.limit = limit;
    }

    public PruningPlan current() {
        return current.plan();
    }

    /** Records an edit. {@code mergeKey} non-null and equal to the previous edit's: the two become one step. */
    public void apply(PruningPlan next, String label, String mergeKey) {
        if (next.equals(current.plan())) {
            return;
        }
        if (mergeKey == null || current.mergeKey() == null || !mergeKey.equals(current.mergeKey())) {
            undo.push(current);
            while (undo.size() > limit) {
                undo.removeLast();
            }
        }
        current = new Entry(next, label, mergeKey);
        redo.clear();
        fire();
    }

    public void apply(PruningPlan next, String label) {
        apply(next, label, null);
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    /** Label of the edit that {@link #undo()} would revert, e.g. "ratio of Conv_3". */
    public String undoLabel() {
        return canUndo() ? current.label() : null;
    }

    public String redoLabel() {
        return canRedo() ? redo.peek().label() : null;
    }

    public void undo() {
        if (!canUndo()) {
            return;
        }
        redo.push(new Entry(current.plan(), current.label(), null));
        Entry previous = undo.pop();
        current = new Entry(previous.plan(), previous.label(), null);
        fire();
    }

    public void redo() {
        if (!canRedo()) {
            return;
        }
        undo.push(new Entry(current.plan(), current.label(), null));
        current = redo.pop();
        fire();
    }

    /** Replaces the whole history (opening a session or another model). */
    public void reset(PruningPlan plan) {
        undo.clear();
        redo.clear();
        current = new Entry(plan, "open", null);
        fire();
    }

    public void addListener(Consumer<PruningPlan> listener) {
        listeners.add(listener);
    }

    private void fire() {
        for (Consumer<PruningPlan> l : listeners) {
            l.accept(current.plan());
        }
    }
}
