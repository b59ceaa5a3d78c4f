package io.prunescope.ui;

import javafx.geometry.Pos;
import javafx.scene.control.TreeTableCell;

/** A right-aligned table cell for counts, with thousands separators. */
final class CountCell<S> extends TreeTableCell<S, Number> {

    CountCell() {
        getStyleClass().add("number-cell");
        setAlignment(Pos.CENTER_RIGHT);
    }

    @Override
    protected void updateItem(Number item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty || item == null ? null : Formats.count(item.longValue()));
    }
}
