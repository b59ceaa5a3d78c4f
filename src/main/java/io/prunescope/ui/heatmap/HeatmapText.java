package io.prunescope.ui.heatmap;

import io.prunescope.prune.criteria.Criterion;

import java.util.BitSet;
import java.util.Locale;

/**
 * The words and numbers the heatmap panel shows: value formatting, criterion short names, the layer's subtitle and
 * pruning note, and the hover read-out for a map cell or a score bar (the hit test: raster pixel → cell → text).
 * It is separate from {@link HeatmapPanel} because none of it needs JavaFX: it is plain presentation logic on
 * {@link HeatmapData} and {@link HeatmapRenderer.Raster}, the part a view model would hold, so the panel is left
 * with building and updating nodes.
 */
final class HeatmapText {

    private HeatmapText() {
    }

    /** A value in four significant digits, or scientific notation when very small or large. */
    static String format(double v) {
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.3e", v)
                : String.format(Locale.ROOT, "%.4g", v);
    }

    /** The row label of a criterion's score bars. */
    static String shortName(Criterion c) {
        return switch (c) {
            case L1 -> "L1";
            case L2 -> "L2";
            case FPGM -> "FPGM Σ dist";
            case GEOMETRIC_MEDIAN -> "Dist. to GM";
            default -> c.label();
        };
    }

    /** The line under the layer's name: operator, weight shape and unit count. */
    static String subtitle(HeatmapData d) {
        return d.op() + "  weight " + shape(d.weightShape()) + "  ·  " + d.units() + " " + d.unitName() + "s";
    }

    /** How much of the layer the decision prunes (structured and fine-grained); empty when nothing is. */
    static String pruningNote(HeatmapData d) {
        StringBuilder n = new StringBuilder();
        if (!d.prunedRows().isEmpty()) {
            n.append(d.prunedRows().cardinality()).append(" of ").append(d.units()).append(' ').append(d.unitName())
                    .append("s pruned (dimmed, hatched, red tick)");
        }
        if (d.zeroed() > 0) {
            n.append(n.length() > 0 ? "  ·  " : "").append(String.format(Locale.ROOT,
                    "%.1f %% of the weights zeroed by fine-grained pruning", 100.0 * d.zeroed() / d.weights()));
        }
        return n.toString();
    }

    /** What lies at raster pixel (x, y) of a map: the cell, its value and whether it is pruned; " " off the cells. */
    static String describeCell(HeatmapData.Matrix matrix, HeatmapRenderer.Raster raster, double x, double y) {
        int r = raster.rowAt(y);
        int c = raster.colAt(x);
        if (r < 0 || c < 0) {
            return " ";
        }
        return matrix.rowName() + " " + r + ", " + matrix.colName() + " " + c + ": " + format(matrix.value(r, c))
                + (matrix.marked(r, c) ? "  (pruned)" : "");
    }

    /** The unit under raster pixel x of a score row drawn in {@code order}, and its score; " " off the bars. */
    static String describeBar(HeatmapData.ScoreRow row, int[] order, BitSet pruned, String unitName,
                              HeatmapRenderer.Raster raster, double x) {
        int i = raster.colAt(x);
        if (i < 0) {
            return " ";
        }
        int unit = order[i];
        return row.criterion().label() + ": " + unitName + " " + unit + " = " + format(row.values()[unit])
                + (pruned.get(unit) ? "  (pruned)" : "");
    }

    private static String shape(int[] dims) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            s.append(i > 0 ? "×" : "").append(dims[i]);
        }
        return s.append(']').toString();
    }
}
