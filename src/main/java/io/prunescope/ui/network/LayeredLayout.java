package io.prunescope.ui.network;

import io.prunescope.task.CancellationToken;
import io.prunescope.ui.network.CrossingReduction.Ordering;
import io.prunescope.ui.network.LayerAssignment.LayeredGraph;

/**
 * A layered (Sugiyama-style) layout of a directed acyclic graph, top to bottom, with no JavaFX in it so it can run
 * on any thread:
 * <ol>
 *   <li><b>layering</b> by longest path from the sources (a node sits one layer below its deepest predecessor);
 *       sources that only feed deeper nodes (constants, shape inputs) are pulled down next to their first reader;</li>
 *   <li>edges spanning several layers get one <b>dummy</b> node per crossed layer, so every edge joins adjacent
 *       layers and can be routed around the boxes;</li>
 *   <li><b>crossing reduction</b>: barycentric sweeps, down then up, keeping the ordering with fewest crossings
 *       (counted exactly per layer pair with a Fenwick tree);</li>
 *   <li><b>x positions</b>: alternating sweeps move every node toward the mean x of its neighbours in the layer
 *       just swept, solved exactly under the "keep the order, keep the gaps" constraints by isotonic regression
 *       (pool adjacent violators), which compacts the layout and straightens long edges.</li>
 * </ol>
 * Node boxes all share one height; widths are per node (dummies are narrow). Cycles, which a valid ONNX graph
 * does not have, are broken by ignoring the edges that close them.
 *
 * <p>This class only runs the phases in turn and assembles the {@link Result}: steps 1–2 are
 * {@link LayerAssignment}, step 3 {@link CrossingReduction}, step 4 {@link CoordinateAssignment}.
 */
public final class LayeredLayout {

    /** Spacing of the layout, in layout units (pixels at zoom 1). */
    public record Spacing(double nodeHeight, double layerGap, double nodeGap, double dummyWidth, double margin,
                          int sweeps, int positionIterations) {
        public static Spacing defaults() {
            return new Spacing(52, 46, 26, 10, 40, 8, 8);
        }
    }

    /**
     * The result. Real nodes are {@code 0..nodeCount-1}; dummies follow. {@code edgePath[e]} lists the nodes an
     * input edge passes through from source to target (dummies in between); {@code x} is a node's centre and
     * {@code y} the top of its layer.
     */
    public record Result(int nodeCount, int[] layer, double[] x, double[] y, double[] width, int[][] layers,
                         int[][] edgePath, int crossings, double contentWidth, double contentHeight,
                         Spacing spacing) {

        public int layerCount() {
            return layers.length;
        }

        public boolean isDummy(int v) {
            return v >= nodeCount;
        }
    }

    private LayeredLayout() {
    }

    /**
     * Lays out a graph of {@code nodeCount} nodes and the edges {@code from[e] → to[e]}.
     *
     * @param widths box width of every real node
     */
    public static Result layout(int nodeCount, int[] from, int[] to, double[] widths, Spacing s,
                                CancellationToken cancel) {
        LayeredGraph g = LayerAssignment.assign(nodeCount, from, to, cancel);
        int total = g.total();
        double[] width = new double[total];
        for (int v = 0; v < total; v++) {
            width[v] = v < nodeCount ? widths[v] : s.dummyWidth();
        }
        Ordering ordering = CrossingReduction.order(g, s.sweeps(), cancel);
        int[][] layers = ordering.layers();
        cancel.throwIfCancelled();
        double[] x = CoordinateAssignment.place(g, layers, width, s, cancel);
        // shift everything into the margin, and each layer's top at its row
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        for (int v = 0; v < total; v++) {
            minX = Math.min(minX, x[v] - width[v] / 2);
            maxX = Math.max(maxX, x[v] + width[v] / 2);
        }
        if (total == 0) {
            minX = 0;
            maxX = 0;
        }
        double shift = s.margin() - minX;
        int[] lay = g.layer();
        double[] y = new double[total];
        for (int v = 0; v < total; v++) {
            x[v] += shift;
            y[v] = s.margin() + lay[v] * (s.nodeHeight() + s.layerGap());
        }
        int layerCount = g.layerCount();
        double contentWidth = maxX - minX + 2 * s.margin();
        double contentHeight = 2 * s.margin() + Math.max(0, layerCount * (s.nodeHeight() + s.layerGap()) - s.layerGap());
        return new Result(nodeCount, lay, x, y, width, layers, g.edgePath(), ordering.crossings(), contentWidth,
                contentHeight, s);
    }
}
