package io.prunescope.ui;

import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;

import java.util.ArrayList;
import java.util.List;

/**
 * Shows a freshly filled table with only the columns in view for its first frame, and the others one per pulse after.
 *
 * <p>Why: a table row creates and styles a cell for every visible column, whether or not the column lies inside the
 * table's viewport, and the table's virtual flow fills its whole viewport with rows at once — rows without an item
 * too (the empty, striped rows below the last one), however few rows the table holds. So the first frame of a model
 * just opened made a row per line of the panel (about 17 at 1600 × 1000) and ten cells in each, though the layer panel
 * shows only two or three columns (name, op, output shape): most of the longest FX-thread stall left then
 * (src/docs/time-to-interactive.md, third round). Hidden for the first frame, the other columns come back one per
 * pulse once the table's rows are in (LayerTableView adds those a batch per pulse), so their cells are made a column
 * (one cell per row) at a time, in pulses of their own. What a person sees in the first frame is the
 * same (the hidden columns lie right of the viewport); only the horizontal scroll bar's thumb is longer meanwhile.
 */
final class ColumnsInView {

    /** {@code TableColumnBase}'s default preferred width (not public in JavaFX). */
    private static final double DEFAULT_COLUMN_WIDTH = 80;

    private final TreeTableView<?> table;
    private final List<TreeTableColumn<?, ?>> hidden = new ArrayList<>();
    private boolean showing;

    ColumnsInView(TreeTableView<?> table) {
        this.table = table;
    }

    /**
     * Hides the visible columns that start right of the table's width (scrolled to the left, as a new table is).
     * Nothing is hidden when the table has no width yet (not laid out) or is sorted (the sort stays as it is).
     *
     * @return whether any column was hidden ({@link #restore} shows them again)
     */
    boolean hideOutOfView() {
        double width = table.getWidth();
        if (width <= 0 || !table.getSortOrder().isEmpty()) {
            return false;
        }
        double left = 0;
        for (TreeTableColumn<?, ?> c : table.getColumns()) {
            if (!c.isVisible()) {
                continue;
            }
            if (left >= width) {
                hidden.add(c);
            }
            left += c.getWidth();
        }
        for (TreeTableColumn<?, ?> c : hidden) {
            // JavaFX takes a column whose preferred width is its default (80) as "not set" and sizes it to its
            // content when its header is made again (the "Params" column became 68.6 px); a width a hair above
            // keeps the column as wide as it was, and draws the same
            if (c.getPrefWidth() == DEFAULT_COLUMN_WIDTH) {
                c.setPrefWidth(Math.nextUp(DEFAULT_COLUMN_WIDTH));
            }
            c.setVisible(false);
        }
        return !hidden.isEmpty();
    }

    /** Shows the next column {@link #hideOutOfView} hid, in its place; false when none is left hidden. */
    boolean showNext() {
        if (hidden.isEmpty()) {
            return false;
        }
        hidden.remove(0).setVisible(true);
        return true;
    }

    /**
     * Shows the hidden columns one per pulse, skipping the pulses after which {@code wait} holds (another step of
     * the table's has them), then runs {@code done} (FX thread). Nothing happens when no column is hidden or they
     * are already coming back.
     */
    void showOnePerPulse(java.util.function.BooleanSupplier wait, Runnable done) {
        if (hidden.isEmpty() || showing) {
            return;
        }
        showing = true;
        next(wait, done);
    }

    private void next(java.util.function.BooleanSupplier wait, Runnable done) {
        io.prunescope.ui.responsiveness.FrameGate.afterNextFrame(() -> {
            if (wait.getAsBoolean() || showNext()) {
                next(wait, done);
            } else {
                showing = false;
                done.run();
            }
        });
    }

    boolean isHiding() {
        return !hidden.isEmpty();
    }
}
