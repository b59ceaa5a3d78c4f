package io.prunescope.ui.learn;

import io.prunescope.learn.CriteriaComparison;
import io.prunescope.learn.CriterionPick;
import javafx.scene.paint.Color;

import java.util.Locale;

/**
 * Which filters each criterion removes, one row per criterion and one column per filter (up to 64 drawn), and the
 * Jaccard overlap of the removed sets as a matrix below. An unavailable criterion shows its reason instead.
 */
final class PicksPicture implements LearnPicture {

    private static final int MAX_COLUMNS = 64;
    private final CriteriaComparison comparison;

    PicksPicture(CriteriaComparison comparison) {
        this.comparison = comparison;
    }

    @Override
    public double preferredHeight(double width, LearnStyle s) {
        int n = comparison.picks().size();
        return s.fontSize() * (3 + n * 1.6 + 3 + (n + 1) * 1.8);
    }

    @Override
    public void paint(Sketch g, double width, double height, LearnStyle s) {
        double fs = s.fontSize();
        double labelW = fs * 12;
        int units = comparison.picks().stream().filter(CriterionPick::available)
                .mapToInt(p -> p.scores().length).findFirst().orElse(0);
        int cols = Math.min(units, MAX_COLUMNS);
        double c = cols == 0 ? 0 : Math.min(fs * 1.2, (width - labelW - fs) / cols);
        g.text(4, fs * 1.4, "Filters each criterion removes" + (units > cols ? " (first " + cols + " of " + units
                + ")" : ""), s.ink(), fs * 1.1, true);
        double y = fs * 2.6;
        double row = fs * 1.6;
        for (CriterionPick p : comparison.picks()) {
            g.text(4, y + row * 0.7, p.criterion().label(), s.ink(), fs * 0.9, false);
            if (!p.available()) {
                g.text(labelW, y + row * 0.7, "unavailable: " + shorten(p.unavailable()), s.grid(), fs * 0.8, false);
            } else {
                java.util.Set<Integer> gone = new java.util.HashSet<>();
                for (int u : p.removed()) {
                    gone.add(u);
                }
                for (int k = 0; k < cols; k++) {
                    g.fillRect(labelW + k * c, y + 2, c, row - 4, gone.contains(k) ? s.positive() : Color.web("#ececec"));
                    g.strokeRect(labelW + k * c, y + 2, c, row - 4, s.background(), s.lineWidth() * 0.5);
                }
            }
            y += row;
        }
        paintJaccard(g, y + fs * 1.5, width, s);
    }

    private void paintJaccard(Sketch g, double top, double width, LearnStyle s) {
        double fs = s.fontSize();
        g.text(4, top, "Overlap of the removed sets (Jaccard |A∩B| / |A∪B|)", s.ink(), fs * 1.1, true);
        java.util.List<Integer> shown = new java.util.ArrayList<>();
        for (int i = 0; i < comparison.picks().size(); i++) {
            if (comparison.picks().get(i).available()) {
                shown.add(i);
            }
        }
        double labelW = fs * 12;
        double c = Math.min(fs * 4.2, (width - labelW - fs) / Math.max(1, shown.size()));
        double y0 = top + fs * 2.2;
        for (int a = 0; a < shown.size(); a++) {
            String name = comparison.picks().get(shown.get(a)).criterion().name();
            g.text(labelW + a * c + 2, y0 - fs * 0.3, abbreviate(name), s.ink(), fs * 0.75, false);
            g.text(4, y0 + (a + 0.7) * fs * 1.8, comparison.picks().get(shown.get(a)).criterion().label(), s.ink(),
                    fs * 0.9, false);
            for (int b = 0; b < shown.size(); b++) {
                double v = comparison.jaccard()[shown.get(a)][shown.get(b)];
                double x = labelW + b * c;
                double y = y0 + a * fs * 1.8;
                g.fillRect(x, y, c, fs * 1.8, Color.WHITE.interpolate(s.secondPick(), v * 0.85));
                g.strokeRect(x, y, c, fs * 1.8, s.grid(), s.lineWidth() * 0.5);
                g.text(x + fs * 0.4, y + fs * 1.25, String.format(Locale.ROOT, "%.2f", v),
                        v > 0.6 ? Color.WHITE : s.ink(), fs * 0.85, false);
            }
        }
    }

    private static String abbreviate(String name) {
        return name.length() <= 7 ? name : name.substring(0, 6) + "…";
    }

    private static String shorten(String reason) {
        return reason.length() <= 90 ? reason : reason.substring(0, 88) + "…";
    }
}
