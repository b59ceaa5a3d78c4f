package io.prunescope.ui;

import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.TreeTableCell;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/** A table cell showing a 0..1 share as a percentage with a small horizontal bar. */
final class ShareCell<S> extends TreeTableCell<S, Number> {

    private static final double BAR_WIDTH = 36;
    private final Region fill = new Region();
    private final StackPane bar = new StackPane(fill);

    ShareCell() {
        getStyleClass().addAll("number-cell", "share-cell");
        bar.getStyleClass().add("share-bar");
        fill.getStyleClass().add("share-bar-fill");
        bar.setMinWidth(BAR_WIDTH);
        bar.setMaxWidth(BAR_WIDTH);
        bar.setPrefWidth(BAR_WIDTH);
        bar.setMaxHeight(6);
        StackPane.setAlignment(fill, Pos.CENTER_LEFT);
        fill.setMaxWidth(Region.USE_PREF_SIZE);
        setContentDisplay(ContentDisplay.LEFT);
        setGraphicTextGap(5);
        setAlignment(Pos.CENTER_RIGHT);
    }

    @Override
    protected void updateItem(Number item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            setText(null);
            setGraphic(null);
            return;
        }
        double share = Math.max(0, Math.min(1, item.doubleValue()));
        fill.setPrefWidth(Math.max(share > 0 ? 1 : 0, BAR_WIDTH * share));
        setText(Formats.percent(share));
        setGraphic(bar);
    }
}
