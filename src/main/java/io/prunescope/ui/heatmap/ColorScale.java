package io.prunescope.ui.heatmap;

import javafx.scene.paint.Color;

/**
 * The sequential colour scale of every heatmap and heat strip: viridis (dark violet → blue → green → yellow),
 * readable on light and dark backgrounds and by most colour-blind viewers. Lightness rises monotonically from
 * min to max: each piece is a straight line in sRGB between stops of increasing luma, so luma is monotonic too.
 */
public final class ColorScale {

    private static final int[] STOPS = {
            0x440154, 0x482878, 0x3e4989, 0x31688e, 0x26828e, 0x1f9e89, 0x35b779, 0x6ece58, 0xb5de2b, 0xfde725};
    private static final int STEPS = 256;
    private static final int[] TABLE = new int[STEPS];

    static {
        for (int i = 0; i < STEPS; i++) {
            TABLE[i] = interpolate((double) i / (STEPS - 1));
            // rounding each channel to 8 bits can dip the lightness by a hair where red falls as green rises:
            // lift green until the table is monotonic
            while (i > 0 && luma(TABLE[i]) < luma(TABLE[i - 1]) && ((TABLE[i] >> 8) & 255) < 255) {
                TABLE[i] += 1 << 8;
            }
        }
    }

    private ColorScale() {
    }

    private static int interpolate(double t) {
        double p = t * (STOPS.length - 1);
        int k = Math.min(STOPS.length - 2, (int) Math.floor(p));
        double f = p - k;
        int a = STOPS[k];
        int b = STOPS[k + 1];
        int r = (int) Math.round(((a >> 16) & 255) * (1 - f) + ((b >> 16) & 255) * f);
        int g = (int) Math.round(((a >> 8) & 255) * (1 - f) + ((b >> 8) & 255) * f);
        int bl = (int) Math.round((a & 255) * (1 - f) + (b & 255) * f);
        return 0xff000000 | r << 16 | g << 8 | bl;
    }

    /** Opaque ARGB of a value in [0, 1] (clamped; NaN gives the minimum colour). */
    public static int argb(double t) {
        if (!(t > 0)) {
            return TABLE[0];
        }
        if (t >= 1) {
            return TABLE[STEPS - 1];
        }
        return TABLE[(int) (t * (STEPS - 1) + 0.5)];
    }

    /** ARGB of {@code v} on the scale from {@code min} to {@code max} (a flat range maps to the middle). */
    public static int argb(double v, double min, double max) {
        return argb(normalise(v, min, max));
    }

    public static double normalise(double v, double min, double max) {
        return max > min ? (v - min) / (max - min) : 0.5;
    }

    public static Color color(double t) {
        int c = argb(t);
        return Color.rgb((c >> 16) & 255, (c >> 8) & 255, c & 255);
    }

    /** Rec. 709 luma of an ARGB colour (gamma-encoded), in [0, 1]. */
    public static double luma(int argb) {
        return (0.2126 * ((argb >> 16) & 255) + 0.7152 * ((argb >> 8) & 255) + 0.0722 * (argb & 255)) / 255;
    }

    /** A pruned unit: its colour pushed toward grey and darkened, so it reads as "off" in either theme. */
    public static int dim(int argb) {
        int r = (argb >> 16) & 255;
        int g = (argb >> 8) & 255;
        int b = argb & 255;
        int grey = (r * 2126 + g * 7152 + b * 722) / 10000;
        r = (r + 3 * grey) / 4 * 55 / 100 + 40;
        g = (g + 3 * grey) / 4 * 55 / 100 + 40;
        b = (b + 3 * grey) / 4 * 55 / 100 + 40;
        return 0xff000000 | r << 16 | g << 8 | b;
    }

    /** The mark colour of pruned units (hatching, outlines): a red that stands out against the scale. */
    public static final int PRUNED_MARK = 0xffff3b30;
}
