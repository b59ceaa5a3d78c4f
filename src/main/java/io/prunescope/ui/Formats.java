package io.prunescope.ui;

import io.prunescope.model.Shape;
import io.prunescope.model.Shapes;

import java.util.Locale;

/** How numbers and shapes are written in the UI: thousands separators, short units, shapes as [1×3×224×224]. */
public final class Formats {

    public static final String NONE = "—";

    private Formats() {
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** 4,089,184,256 → "4.089 G"; small values stay exact. */
    public static String compact(long n) {
        if (n < 10_000) {
            return count(n);
        }
        String[] units = {"K", "M", "G", "T"};
        double v = n;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, "%.3f %s", v, units[u]);
    }

    public static String gflops(long macs) {
        return String.format(Locale.ROOT, "%.3f", 2.0 * macs / 1e9);
    }

    public static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * share);
    }

    public static String shape(long[] dims) {
        return dims == null ? NONE : Shapes.format(dims);
    }

    public static String shape(Shape shape) {
        return shape == null ? NONE : shape.toString();
    }
}
