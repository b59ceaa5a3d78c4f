package io.prunescope.ui.learn;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;

/** {@link Sketch} on a JavaFX canvas (the screen, and PNG export through a snapshot). */
final class CanvasSketch implements Sketch {

    private final GraphicsContext g;

    CanvasSketch(GraphicsContext g) {
        this.g = g;
    }

    @Override
    public void fillRect(double x, double y, double w, double h, Color fill) {
        g.setFill(fill);
        g.fillRect(x, y, w, h);
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, Color stroke, double lineWidth) {
        g.setStroke(stroke);
        g.setLineWidth(lineWidth);
        g.strokeRect(x, y, w, h);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Color stroke, double lineWidth) {
        g.setStroke(stroke);
        g.setLineWidth(lineWidth);
        g.strokeLine(x1, y1, x2, y2);
    }

    @Override
    public void circle(double cx, double cy, double r, Color fill, Color stroke, double lineWidth) {
        if (fill != null) {
            g.setFill(fill);
            g.fillOval(cx - r, cy - r, 2 * r, 2 * r);
        }
        if (stroke != null) {
            g.setStroke(stroke);
            g.setLineWidth(lineWidth);
            g.strokeOval(cx - r, cy - r, 2 * r, 2 * r);
        }
    }

    @Override
    public void text(double x, double y, String text, Color color, double size, boolean bold) {
        g.setFill(color);
        g.setFont(Font.font("System", bold ? FontWeight.BOLD : FontWeight.NORMAL, size));
        g.fillText(text, x, y);
    }
}
