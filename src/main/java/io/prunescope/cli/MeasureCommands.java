package io.prunescope.cli;

import java.util.Locale;

/** Helpers shared by evaluate, sensitivity and prune-target. */
final class MeasureCommands {

    private MeasureCommands() {
    }

    static String f4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }
}
