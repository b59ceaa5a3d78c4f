package io.prunescope.ui.learn;

import java.util.List;

/**
 * Several pictures one below the other, as one picture (a whole tab exported to a single slide): each gets a band
 * of the height in proportion to what it wants at that width.
 */
final class StackedPicture implements LearnPicture {

    private final List<LearnPicture> parts;

    StackedPicture(List<LearnPicture> parts) {
        this.parts = List.copyOf(parts);
    }

    @Override
    public double preferredHeight(double width, LearnStyle style) {
        return parts.stream().mapToDouble(p -> p.preferredHeight(width, style)).sum();
    }

    @Override
    public void paint(Sketch sketch, double width, double height, LearnStyle style) {
        double want = Math.max(1, preferredHeight(width, style));
        double y = 0;
        for (LearnPicture p : parts) {
            double h = height * p.preferredHeight(width, style) / want;
            double top = y;
            p.paint(new OffsetSketch(sketch, top), width, h, style);
            y += h;
        }
    }

    /** Moves everything drawn down by {@code dy}. */
    private record OffsetSketch(Sketch inner, double dy) implements Sketch {
        @Override
        public void fillRect(double x, double y, double w, double h, javafx.scene.paint.Color fill) {
            inner.fillRect(x, y + dy, w, h, fill);
        }

        @Override
        public void strokeRect(double x, double y, double w, double h, javafx.scene.paint.Color stroke, double lw) {
            inner.strokeRect(x, y + dy, w, h, stroke, lw);
        }

        @Override
        public void line(double x1, double y1, double x2, double y2, javafx.scene.paint.Color stroke, double lw) {
            inner.line(x1, y1 + dy, x2, y2 + dy, stroke, lw);
        }

        @Override
        public void circle(double cx, double cy, double r, javafx.scene.paint.Color fill,
                           javafx.scene.paint.Color stroke, double lw) {
            inner.circle(cx, cy + dy, r, fill, stroke, lw);
        }

        @Override
        public void text(double x, double y, String text, javafx.scene.paint.Color color, double size, boolean bold) {
            inner.text(x, y + dy, text, color, size, bold);
        }
    }
}
