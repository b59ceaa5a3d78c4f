package io.prunescope.ui;

import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;

import java.util.ArrayList;
import java.util.List;

/**
 * Shows a freshly filled table with only the columns in view for its first frame, and the others from the next one.
 *
 * <p>Why: a table row creates and styles a cell for every visible column, whether or not the column lies inside the
 * table's viewport. The layer panel shows two or three of the table's ten columns (name, op, output shape), so for
 * the first rows of a model just opened seven cells of ten were made in the pulse that first shows the model — about
 * half of the longest FX-thread stall left then (src/docs/time-to-interactive.md, third round). Hidden for that one
 * frame, those columns' cells are made a pulse later. What a person sees in the first frame is the same (the hidden
 * columns are right of the viewport); only the horizontal scroll bar's thumb is longer for that frame.
 */
final class ColumnsInView {

    private final TreeTableView<?> table;
    private final List<TreeTableColumn<?, ?>> hidden = new ArrayList<>();

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
        hidden.forEach(c -> c.setVisible(false));
        return !hidden.isEmpty();
    }

    /** Shows the columns {@link #hideOutOfView} hid, in their places. */
    void restore() {
        hidden.forEach(c -> c.setVisible(true));
        hidden.clear();
    }

    boolean isHiding() {
        return !hidden.isEmpty();
    }
}
