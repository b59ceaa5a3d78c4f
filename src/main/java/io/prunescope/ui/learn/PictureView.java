package io.prunescope.ui.learn;

import javafx.beans.value.ObservableValue;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.Region;

import java.util.function.Consumer;

/**
 * A {@link LearnPicture} on screen: a canvas as wide as the pane and as tall as the picture wants, repainted when
 * the width or the style changes. Right-click offers the picture's PNG and SVG export.
 */
final class PictureView extends Region {

    private final Canvas canvas = new Canvas();
    private final LearnPicture picture;
    private final ObservableValue<LearnStyle> style;

    PictureView(LearnPicture picture, ObservableValue<LearnStyle> style, Consumer<LearnPicture> exportPng,
                Consumer<LearnPicture> exportSvg) {
        this.picture = picture;
        this.style = style;
        getStyleClass().add("learn-picture");
        getChildren().add(canvas);
        widthProperty().addListener((obs, old, now) -> repaint());
        style.addListener((obs, old, now) -> {
            requestLayout();
            repaint();
        });
        MenuItem png = new MenuItem("Export PNG…");
        png.setOnAction(e -> exportPng.accept(picture));
        MenuItem svg = new MenuItem("Export SVG…");
        svg.setOnAction(e -> exportSvg.accept(picture));
        ContextMenu menu = new ContextMenu(png, svg);
        setOnContextMenuRequested(e -> menu.show(this, e.getScreenX(), e.getScreenY()));
    }

    LearnPicture picture() {
        return picture;
    }

    @Override
    protected double computePrefHeight(double width) {
        double w = width > 0 ? width : getWidth() > 0 ? getWidth() : 900;
        return picture.preferredHeight(w, style.getValue());
    }

    /** Its height follows its width (the picture keeps its proportions). */
    @Override
    public javafx.geometry.Orientation getContentBias() {
        return javafx.geometry.Orientation.HORIZONTAL;
    }

    @Override
    protected double computePrefWidth(double height) {
        return 900;
    }

    @Override
    protected void layoutChildren() {
        if (canvas.getWidth() != getWidth() || canvas.getHeight() != getHeight()) {
            repaint();
        }
    }

    private void repaint() {
        double w = Math.max(1, getWidth());
        double h = Math.max(1, picture.preferredHeight(w, style.getValue()));
        canvas.setWidth(w);
        canvas.setHeight(h);
        CanvasSketch sketch = new CanvasSketch(canvas.getGraphicsContext2D());
        canvas.getGraphicsContext2D().clearRect(0, 0, w, h);
        sketch.fillRect(0, 0, w, h, style.getValue().background());
        picture.paint(sketch, w, h, style.getValue());
    }
}
