package io.prunescope.ui.learn;

import javafx.scene.paint.Color;

/**
 * Sizes and colours of the Learn pictures: the normal look, and the presentation look for a projector (larger
 * type, thicker lines, a high-contrast palette: pure black on white, saturated marks).
 */
record LearnStyle(double fontSize, double lineWidth, Color background, Color ink, Color grid, Color removed,
                  Color positive, Color negative, Color firstPick, Color secondPick, Color median) {

    static final LearnStyle NORMAL = new LearnStyle(12, 1, Color.WHITE, Color.web("#222222"), Color.web("#b0b0b0"),
            Color.web("#9a9a9a"), Color.web("#c0392b"), Color.web("#2c6fbb"), Color.web("#e67e22"),
            Color.web("#8e44ad"), Color.web("#111111"));

    static final LearnStyle PRESENTATION = new LearnStyle(20, 2.5, Color.WHITE, Color.BLACK, Color.BLACK,
            Color.web("#7a7a7a"), Color.web("#d00000"), Color.web("#0033cc"), Color.web("#ff8800"),
            Color.web("#9900cc"), Color.BLACK);

    static LearnStyle of(boolean presentation) {
        return presentation ? PRESENTATION : NORMAL;
    }

    /** Diverging colour of a weight relative to the largest |w| in view: negative blue, zero white, positive red. */
    Color weight(double value, double maxAbs) {
        double t = maxAbs == 0 ? 0 : Math.max(-1, Math.min(1, value / maxAbs));
        Color end = t >= 0 ? positive : negative;
        return Color.WHITE.interpolate(end, Math.abs(t));
    }
}
