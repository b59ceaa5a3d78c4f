package io.prunescope.ui.learn;

import javafx.scene.paint.Color;

/**
 * The few drawing operations the Learn pictures need, so that one painter draws both on screen (and to PNG) through
 * {@link CanvasSketch} and to a vector file through {@link SvgSketch}. Coordinates are in pixels, y down.
 */
interface Sketch {

    void fillRect(double x, double y, double w, double h, Color fill);

    void strokeRect(double x, double y, double w, double h, Color stroke, double lineWidth);

    void line(double x1, double y1, double x2, double y2, Color stroke, double lineWidth);

    /** A circle; either colour may be null (no fill / no outline). */
    void circle(double cx, double cy, double r, Color fill, Color stroke, double lineWidth);

    /** Text with its baseline at y, left-aligned at x. */
    void text(double x, double y, String text, Color color, double size, boolean bold);
}
