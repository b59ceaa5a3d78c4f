package io.prunescope.ui;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.transform.Affine;

import java.util.HashMap;
import java.util.Map;

/**
 * Text on the zoomed network canvas, drawn in screen pixels with a font scaled by the zoom instead of under the
 * canvas's scale transform. Why: JavaFX's software renderer (the one used where there is no GPU, as on this project's
 * build machines and many remote desktops) draws text under a scale transform glyph by glyph as outlines, decoded by
 * FreeType and rasterised again on every frame; with a translate-only transform it copies cached glyph masks.
 * Measured with a 844×377 canvas of nine boxes: 2.9 → 1.4 ms per frame warm, 15 → 3.5 ms cold
 * (src/docs/time-to-interactive.md, sixth round).
 *
 * <p>Sizes are rounded to whole pixels: a glyph mask is placed at a whole pixel, and at fractional sizes the rounding
 * of each glyph's position left uneven gaps inside words ("Con v" at 7.2 px); at whole sizes the hinted advances are
 * whole pixels too. The text is then up to half a pixel smaller or larger than under the zoom; widths are limited by
 * the caller's {@code maxWidth} all the same.
 */
final class ScreenText {

    /** Scaled fonts are kept per whole pixel of size; more than this many and the cache starts again. */
    private static final int MAX_FONTS = 128;

    private final Map<Font, Map<Integer, Font>> scaled = new HashMap<>();
    private int count;
    /** The canvas's transform, copied into this one object for every text (FX thread only, like the painters). */
    private final Affine t = new Affine();

    /**
     * Fills {@code text} at the world point {@code (x, y)} of {@code g}'s current transform, in {@code font} scaled
     * by that transform, squeezed into {@code maxWidth} world units ({@code NaN}: no limit). Alignment, baseline and
     * fill are {@code g}'s own; its transform and font are left as they were.
     */
    void fill(GraphicsContext g, Font font, String text, double x, double y, double maxWidth) {
        g.getTransform(t);
        double scale = Math.sqrt(Math.abs(t.getMxx() * t.getMyy() - t.getMxy() * t.getMyx()));
        double sx = t.getMxx() * x + t.getMxy() * y + t.getTx();
        double sy = t.getMyx() * x + t.getMyy() * y + t.getTy();
        g.save();
        g.setTransform(1, 0, 0, 1, 0, 0);
        g.setFont(at(font, font.getSize() * scale));
        if (Double.isNaN(maxWidth)) {
            g.fillText(text, sx, sy);
        } else {
            g.fillText(text, sx, sy, Math.max(0, maxWidth * scale));
        }
        g.restore();
    }

    /** {@link #fill} without a width limit. */
    void fill(GraphicsContext g, Font font, String text, double x, double y) {
        fill(g, font, text, x, y, Double.NaN);
    }

    /** {@code font}'s family and weight at {@code size} pixels, rounded to a whole pixel (at least 1). */
    Font at(Font font, double size) {
        int pixels = Math.max(1, (int) Math.round(size));
        Map<Integer, Font> sizes = scaled.computeIfAbsent(font, f -> new HashMap<>());
        Font f = sizes.get(pixels);
        if (f == null) {
            if (count >= MAX_FONTS) {
                scaled.clear();
                count = 0;
                sizes = scaled.computeIfAbsent(font, k -> new HashMap<>());
            }
            boolean bold = font.getStyle().toLowerCase(java.util.Locale.ROOT).contains("bold");
            f = Font.font(font.getFamily(), bold ? FontWeight.BOLD : FontWeight.NORMAL, pixels);
            sizes.put(pixels, f);
            count++;
        }
        return f;
    }
}
