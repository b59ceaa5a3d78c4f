package io.prunescope.ui.heatmap;

import java.util.BitSet;

/**
 * Renders heatmaps and score bars into ARGB pixel arrays (one {@code int} per pixel, no JavaFX), which the panel
 * hands to a {@code WritableImage} in one {@code PixelWriter.setPixels} call. Cells are whole pixels: big maps get
 * one pixel per cell (the view scales them down), small maps up to {@link #MAX_CELL} pixels per cell. Pruned cells
 * are dimmed and, when a cell is large enough, hatched in red; pruned rows and columns also get a red mark in a
 * {@link #GUTTER}-pixel margin on the left and top so they stay visible at one pixel per cell.
 */
public final class HeatmapRenderer {

    public static final int GUTTER = 4;
    public static final int MAX_CELL = 14;

    private HeatmapRenderer() {
    }

    /** A rendered image and how its pixels map back to cells. */
    public record Raster(int width, int height, int[] argb, int cellWidth, int cellHeight, int offsetX,
                         int offsetY, int rows, int cols) {

        /** The row under pixel y of the raster, or -1. */
        public int rowAt(double y) {
            int r = (int) Math.floor((y - offsetY) / cellHeight);
            return y < offsetY || r >= rows ? -1 : r;
        }

        public int colAt(double x) {
            int c = (int) Math.floor((x - offsetX) / cellWidth);
            return x < offsetX || c >= cols ? -1 : c;
        }

        public int pixel(int x, int y) {
            return argb[y * width + x];
        }
    }

    /** The cell size for {@code n} cells in about {@code max} pixels: 1..MAX_CELL. */
    static int cell(int n, int max) {
        return Math.max(1, Math.min(MAX_CELL, max / Math.max(1, n)));
    }

    /** Renders a map into at most about {@code maxWidth × maxHeight} pixels (more when it has more cells). */
    public static Raster map(HeatmapData.Matrix m, int maxWidth, int maxHeight) {
        int cw = cell(m.cols(), maxWidth - GUTTER);
        int ch = cell(m.rows(), maxHeight - GUTTER);
        if (cw > 1 && ch > 1) {
            cw = Math.min(cw, ch); // square cells when there is room
            ch = cw;
        }
        int w = GUTTER + m.cols() * cw;
        int h = GUTTER + m.rows() * ch;
        int[] px = new int[w * h];
        boolean hatch = cw >= 4 && ch >= 4;
        float min = m.min();
        float max = m.max();
        float[] values = m.values();
        int cols = m.cols();
        for (int r = 0; r < m.rows(); r++) {
            boolean rowMarked = m.rowMarks().get(r);
            if (rowMarked) {
                for (int y = GUTTER + r * ch; y < GUTTER + (r + 1) * ch; y++) {
                    for (int x = 0; x < GUTTER - 1; x++) {
                        px[y * w + x] = ColorScale.PRUNED_MARK;
                    }
                }
            }
            for (int c = 0; c < cols; c++) {
                int colour = ColorScale.argb(values[r * cols + c], min, max);
                boolean marked = rowMarked || m.colMarks().get(c) || m.marks().get(r * cols + c);
                int y0 = GUTTER + r * ch;
                int x0 = GUTTER + c * cw;
                if (!marked) {
                    for (int y = y0; y < y0 + ch; y++) {
                        int row = y * w;
                        for (int x = x0; x < x0 + cw; x++) {
                            px[row + x] = colour;
                        }
                    }
                    continue;
                }
                int dim = ColorScale.dim(colour);
                for (int y = y0; y < y0 + ch; y++) {
                    int row = y * w;
                    for (int x = x0; x < x0 + cw; x++) {
                        px[row + x] = hatch && ((x - x0) + (y - y0)) % 4 == 0 ? ColorScale.PRUNED_MARK : dim;
                    }
                }
            }
        }
        for (int c = 0; c < cols; c++) {
            if (m.colMarks().get(c)) {
                for (int y = 0; y < GUTTER - 1; y++) {
                    for (int x = GUTTER + c * cw; x < GUTTER + (c + 1) * cw; x++) {
                        px[y * w + x] = ColorScale.PRUNED_MARK;
                    }
                }
            }
        }
        return new Raster(w, h, px, cw, ch, GUTTER, GUTTER, m.rows(), m.cols());
    }

    /**
     * Renders scores as bars, one per unit in {@code order} (filter order or sorted), height and colour by value;
     * pruned units are dimmed (hatched when wide enough) with a red tick under them.
     */
    public static Raster bars(float[] values, int[] order, BitSet pruned, float min, float max, int maxWidth,
                              int height) {
        int n = order.length;
        int cw = cell(n, maxWidth);
        int w = Math.max(1, n * cw);
        int barArea = height - GUTTER;
        int[] px = new int[w * height];
        boolean gap = cw >= 4;
        for (int i = 0; i < n; i++) {
            int unit = order[i];
            double t = ColorScale.normalise(values[unit], min, max);
            int colour = ColorScale.argb(t);
            boolean cut = pruned.get(unit);
            int fill = cut ? ColorScale.dim(colour) : colour;
            int barHeight = Math.max(2, (int) Math.round(2 + t * (barArea - 3)));
            int x0 = i * cw;
            int x1 = x0 + cw - (gap ? 1 : 0);
            for (int y = barArea - barHeight; y < barArea; y++) {
                for (int x = x0; x < x1; x++) {
                    px[y * w + x] = cut && cw >= 4 && (x - x0 + y) % 4 == 0 ? ColorScale.PRUNED_MARK : fill;
                }
            }
            if (cut) {
                for (int y = barArea + 1; y < height; y++) {
                    for (int x = x0; x < x1; x++) {
                        px[y * w + x] = ColorScale.PRUNED_MARK;
                    }
                }
            }
        }
        return new Raster(w, height, px, cw, height, 0, 0, 1, n);
    }

    /** A horizontal legend strip from min (left) to max (right). */
    public static int[] legend(int width, int height) {
        int[] px = new int[width * height];
        for (int x = 0; x < width; x++) {
            int c = ColorScale.argb(width == 1 ? 0 : (double) x / (width - 1));
            for (int y = 0; y < height; y++) {
                px[y * width + x] = c;
            }
        }
        return px;
    }

    /** Identity order 0..n-1. */
    public static int[] filterOrder(int n) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) {
            o[i] = i;
        }
        return o;
    }

    /** Units sorted by ascending score (the pruning order of the criterion), ties by index. */
    public static int[] sortedOrder(float[] values) {
        Integer[] boxed = new Integer[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = i;
        }
        java.util.Arrays.sort(boxed, (a, b) -> {
            int c = Float.compare(values[a], values[b]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] o = new int[values.length];
        for (int i = 0; i < o.length; i++) {
            o[i] = boxed[i];
        }
        return o;
    }
}
