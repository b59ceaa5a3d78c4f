package io.prunescope.ui;

import io.prunescope.ui.network.Minimap;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;

/**
 * What fills the network panel's centre: the canvas, sized to the pane; the minimap in the bottom-right corner; and,
 * while a layout is computed, a "Laying out the network…" overlay that lets the mouse through. Apart from
 * {@link NetworkView} because it is only arrangement, no drawing or selection.
 */
final class NetworkCanvasPane extends Pane {

    static final String LAYING_OUT = "Laying out the network…";

    private final Minimap minimap;
    private final StackPane busyPane = new StackPane();

    NetworkCanvasPane(Canvas canvas, Minimap minimap, ObservableBooleanValue layingOut) {
        super(canvas, minimap);
        this.minimap = minimap;
        getStyleClass().add("network-canvas-holder");
        setMinSize(0, 0);
        Label busy = new Label();
        busy.getStyleClass().add("network-busy");
        ProgressIndicator busyIndicator = new ProgressIndicator();
        busyIndicator.setMaxSize(28, 28);
        HBox busyRow = new HBox(8, busyIndicator, busy);
        busyRow.setAlignment(Pos.CENTER);
        busyPane.getChildren().add(busyRow);
        busyPane.setMouseTransparent(true);
        busyPane.visibleProperty().bind(layingOut);
        getChildren().add(busyPane);
        layingOut.addListener((obs, old, now) -> busy.setText(now ? LAYING_OUT : ""));
        busy.setText(layingOut.get() ? LAYING_OUT : "");
        canvas.widthProperty().bind(widthProperty());
        canvas.heightProperty().bind(heightProperty());
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        double mw = minimap.prefWidth(-1);
        double mh = minimap.prefHeight(-1);
        minimap.resizeRelocate(Math.max(0, w - mw - 12), Math.max(0, h - mh - 12), mw, mh);
        busyPane.resizeRelocate(0, 0, w, h);
    }
}
