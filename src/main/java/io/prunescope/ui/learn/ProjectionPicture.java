package io.prunescope.ui.learn;

import io.prunescope.learn.CriteriaComparison;
import io.prunescope.learn.CriterionPick;
import io.prunescope.learn.FilterProjection;
import io.prunescope.prune.criteria.Criterion;
import javafx.scene.paint.Color;

import java.util.Locale;

/**
 * FPGM's idea in one picture: the layer's filters on their first two principal components, each a dot coloured by
 * its FPGM score (dark = small g = near the others), the geometric median as a cross, the filters the smallest-L2
 * rule removes ringed in one colour and those FPGM removes in another.
 */
final class ProjectionPicture implements LearnPicture {

    private final FilterProjection projection;
    private final CriteriaComparison comparison;

    ProjectionPicture(FilterProjection projection, CriteriaComparison comparison) {
        this.projection = projection;
        this.comparison = comparison;
    }

    @Override
    public double preferredHeight(double width, LearnStyle style) {
        return Math.min(width * 0.8, 720);
    }

    @Override
    public void paint(Sketch g, double width, double height, LearnStyle s) {
        double fs = s.fontSize();
        double left = fs * 3;
        double top = fs * 4.6;
        double right = width - fs;
        double bottom = height - fs * 2.6;
        CriterionPick l2 = comparison.pick(Criterion.L2);
        CriterionPick fpgm = comparison.pick(Criterion.FPGM);
        g.text(left, fs * 1.4, "Filters on the first two principal components", s.ink(), fs * 1.15, true);
        double ly = fs * 3;
        double lx = legend(g, left, ly, "removed by smallest L2", s, s.firstPick());
        lx = legend(g, lx, ly, "removed by FPGM", s, s.secondPick());
        cross(g, lx + fs * 0.5, ly - fs * 0.35, fs * 0.55, s);
        g.text(lx + fs * 1.4, ly, "geometric median (Weiszfeld)", s.ink(), fs, false);
        g.strokeRect(left, top, right - left, bottom - top, s.grid(), s.lineWidth());
        double[][] p = projection.points();
        double[] bounds = bounds(p, projection.median());
        double sx = (right - left - 2 * fs) / Math.max(1e-12, bounds[1] - bounds[0]);
        double sy = (bottom - top - 2 * fs) / Math.max(1e-12, bounds[3] - bounds[2]);
        double[] colour = fpgm.available() ? range(fpgm.scores()) : new double[]{0, 1};
        double r = Math.max(3, fs * 0.38);
        java.util.Set<Integer> byL2 = set(l2.removed());
        java.util.Set<Integer> byFpgm = set(fpgm.removed());
        for (int k = 0; k < p.length; k++) {
            double x = left + fs + (p[k][0] - bounds[0]) * sx;
            double y = bottom - fs - (p[k][1] - bounds[2]) * sy;
            double t = fpgm.available() ? (fpgm.scores()[k] - colour[0]) / Math.max(1e-12, colour[1] - colour[0]) : 0.5;
            g.circle(x, y, r, scoreColour(t), s.ink(), s.lineWidth() * 0.5);
            if (byL2.contains(k)) {
                g.circle(x, y, r + 3 * s.lineWidth(), null, s.firstPick(), s.lineWidth() * 2);
            }
            if (byFpgm.contains(k)) {
                g.circle(x, y, r + 6 * s.lineWidth(), null, s.secondPick(), s.lineWidth() * 2);
            }
        }
        double mx = left + fs + (projection.median()[0] - bounds[0]) * sx;
        double my = bottom - fs - (projection.median()[1] - bounds[2]) * sy;
        cross(g, mx, my, r * 2, s);
        g.text(left, height - fs * 0.8, String.format(Locale.ROOT,
                "PC1 %.0f %% of the variance, PC2 %.0f %%; dot colour = FPGM score g(k), dark = near the others",
                100 * projection.explained()[0], 100 * projection.explained()[1]), s.ink(), fs * 0.9, false);
    }

    /** A ring and its label; returns where the next legend item starts (text width estimated at 0.55 em). */
    private static double legend(Sketch g, double x, double y, String label, LearnStyle s, Color ring) {
        double fs = s.fontSize();
        g.circle(x + fs * 0.5, y - fs * 0.35, fs * 0.55, null, ring, s.lineWidth() * 2);
        g.text(x + fs * 1.4, y, label, s.ink(), fs, false);
        return x + fs * 1.4 + label.length() * fs * 0.55 + fs * 1.5;
    }

    private static void cross(Sketch g, double x, double y, double r, LearnStyle s) {
        g.line(x - r, y - r, x + r, y + r, s.median(), s.lineWidth() * 2.5);
        g.line(x - r, y + r, x + r, y - r, s.median(), s.lineWidth() * 2.5);
    }

    /** Low score dark blue, high score light yellow (a viridis-like ramp, readable in grey print too). */
    static Color scoreColour(double t) {
        double u = Math.max(0, Math.min(1, t));
        return Color.web("#2d1e6b").interpolate(Color.web("#2a9d8f"), Math.min(1, u * 2))
                .interpolate(Color.web("#f6e05e"), Math.max(0, u * 2 - 1));
    }

    private static double[] bounds(double[][] p, double[] median) {
        double[] b = {median[0], median[0], median[1], median[1]};
        for (double[] q : p) {
            b[0] = Math.min(b[0], q[0]);
            b[1] = Math.max(b[1], q[0]);
            b[2] = Math.min(b[2], q[1]);
            b[3] = Math.max(b[3], q[1]);
        }
        return b;
    }

    private static double[] range(float[] v) {
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (float x : v) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        return new double[]{lo, hi};
    }

    private static java.util.Set<Integer> set(int[] values) {
        java.util.Set<Integer> out = new java.util.HashSet<>();
        for (int v : values) {
            out.add(v);
        }
        return out;
    }
}
