package io.prunescope.ui.measure;

import java.util.Locale;

/** How the Detection tab writes its numbers: three decimals, real minus signs, "—" for a missing value. */
public final class DetectionNumbers {

    private DetectionNumbers() {
    }

    /** "mAP@0.5:0.95 0.612 → 0.498 (−0.114)". */
    public static String summaryLine(double original, double pruned) {
        return "mAP@0.5:0.95 " + num(original) + " → " + num(pruned) + " (" + signed(pruned - original) + ")";
    }

    public static String num(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** Three decimals with a real minus sign; "±0.000" when it rounds to zero. */
    public static String signed(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        String s = String.format(Locale.ROOT, "%.3f", Math.abs(v));
        if (s.equals("0.000")) {
            return "±0.000";
        }
        return (v < 0 ? "−" : "+") + s;
    }

    static String reduction(double r) {
        return r == 0 ? "unchanged" : String.format(Locale.ROOT, "%s%.1f %%", r > 0 ? "−" : "+", 100 * Math.abs(r));
    }
}
