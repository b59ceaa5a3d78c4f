package io.prunescope.ui.network;

import io.prunescope.task.CancellationToken;
import io.prunescope.ui.network.LayerAssignment.LayeredGraph;
import io.prunescope.ui.network.LayeredLayout.Spacing;

/**
 * The third phase of {@link LayeredLayout}: x positions for nodes whose layer and order are fixed. Each layer is
 * first packed left to right; then alternating sweeps move every node toward the mean x of its neighbours in the
 * layer just swept, solved exactly under the "keep the order, keep the gaps" constraints by isotonic regression
 * (pool adjacent violators), which compacts the layout and straightens long edges; a last pass balances each node
 * between its neighbours above and below. It is separate because it is the only phase that deals in widths and
 * gaps, and its weighting (real boxes outweigh dummies) is a tuning decision of its own.
 */
final class CoordinateAssignment {

    private final LayeredGraph g;
    private final int[][] layers;
    private final double[] width;
    private final Spacing s;
    private final double[] x;
    private final double[] desired;
    private final double[] weight;

    private CoordinateAssignment(LayeredGraph g, int[][] layers, double[] width, Spacing s) {
        this.g = g;
        this.layers = layers;
        this.width = width;
        this.s = s;
        this.x = new double[g.total()];
        this.desired = new double[g.total()];
        this.weight = new double[g.total()];
    }

    /**
     * The centre x of every node, before the layout is shifted into its margin.
     *
     * @param layers the order of every layer (from {@link CrossingReduction})
     * @param width  every node's box width, dummies included
     */
    static double[] place(LayeredGraph g, int[][] layers, double[] width, Spacing s, CancellationToken cancel) {
        CoordinateAssignment c = new CoordinateAssignment(g, layers, width, s);
        c.pack();
        int layerCount = g.layerCount();
        for (int it = 0; it < s.positionIterations(); it++) {
            cancel.throwIfCancelled();
            boolean downward = it % 2 == 0;
            if (downward) {
                for (int l = 1; l < layerCount; l++) {
                    c.placeRow(layers[l], g.up(), g.upEnd(), null, null);
                }
            } else {
                for (int l = layerCount - 2; l >= 0; l--) {
                    c.placeRow(layers[l], g.down(), g.downEnd(), null, null);
                }
            }
        }
        // final balance: each node between its neighbours above and below
        for (int l = 0; l < layerCount; l++) {
            c.placeRow(layers[l], g.up(), g.upEnd(), g.down(), g.downEnd());
        }
        return c.x;
    }

    /** Every layer packed from x = 0, neighbours one gap apart. */
    private void pack() {
        for (int[] row : layers) {
            double cx = 0;
            for (int i = 0; i < row.length; i++) {
                int v = row[i];
                if (i > 0) {
                    cx += gap(row[i - 1], v);
                }
                x[v] = cx;
            }
        }
    }

    /** Centre distance between adjacent boxes; two dummies side by side sit closer (a third of the gap). */
    private double gap(int a, int b) {
        int nodeCount = g.nodeCount();
        double gp = a >= nodeCount && b >= nodeCount ? s.nodeGap() / 3 : s.nodeGap();
        return (width[a] + width[b]) / 2 + gp;
    }

    /** Moves one layer toward its neighbours in {@code a} (and {@code b}, when given) under the gap constraints. */
    private void placeRow(int[] row, int[][] a, int[] aEnds, int[][] b, int[] bEnds) {
        for (int v : row) {
            double target = target(v, a[v], aEnds, b == null ? null : b[v], bEnds);
            desired[v] = Double.isNaN(target) ? x[v] : target;
            weight[v] = weight(v, target);
        }
        isotonic(row);
    }

    /**
     * Real boxes outweigh dummies: where a main path and a skip compete for the same spot, the main path stays
     * straight and the skip steps aside (weighting the dummies instead makes every residual block push its main
     * path sideways, and a deep network drifts far off to one side).
     */
    private double weight(int v, double target) {
        if (Double.isNaN(target)) {
            return 0.25;
        }
        return v >= g.nodeCount() ? 1 : 1000;
    }

    /**
     * Where a node wants to be: a real node, at the mean x of the real nodes it is joined to (through a dummy
     * chain, the real node at the chain's far end, not the dummy, which may have stepped aside); a dummy, at the
     * mean x of its direct neighbours, so long edges run straight. A residual Add therefore stays under its main
     * path and its skip's source instead of drifting toward the skip's detour at every block.
     */
    private double target(int v, int[] a, int[] aEnds, int[] b, int[] bEnds) {
        int nodeCount = g.nodeCount();
        double sum = 0;
        int k = 0;
        for (int w : a) {
            sum += x[v < nodeCount ? aEnds[w] : w];
            k++;
        }
        if (b != null) {
            for (int w : b) {
                sum += x[v < nodeCount ? bEnds[w] : w];
                k++;
            }
        }
        return k == 0 ? Double.NaN : sum / k;
    }

    /**
     * Minimises Σ weight·(x − desired)² subject to x[i+1] − x[i] ≥ gap(i, i+1): with offsets o[i] (cumulative
     * gaps) and y = x − o it is a weighted isotonic regression of desired − o, solved by pool adjacent violators.
     */
    private void isotonic(int[] row) {
        int n = row.length;
        if (n == 0) {
            return;
        }
        double[] offset = new double[n];
        for (int i = 1; i < n; i++) {
            offset[i] = offset[i - 1] + gap(row[i - 1], row[i]);
        }
        double[] blockValue = new double[n];
        double[] blockWeight = new double[n];
        int[] blockStart = new int[n];
        int blocks = 0;
        for (int i = 0; i < n; i++) {
            double w = weight[row[i]];
            double value = desired[row[i]] - offset[i];
            blockValue[blocks] = value;
            blockWeight[blocks] = w;
            blockStart[blocks] = i;
            blocks++;
            while (blocks > 1 && blockValue[blocks - 2] > blockValue[blocks - 1]) {
                double tw = blockWeight[blocks - 2] + blockWeight[blocks - 1];
                blockValue[blocks - 2] = (blockValue[blocks - 2] * blockWeight[blocks - 2]
                        + blockValue[blocks - 1] * blockWeight[blocks - 1]) / tw;
                blockWeight[blocks - 2] = tw;
                blocks--;
            }
        }
        for (int b = 0; b < blocks; b++) {
            int end = b + 1 < blocks ? blockStart[b + 1] : n;
            for (int i = blockStart[b]; i < end; i++) {
                x[row[i]] = blockValue[b] + offset[i];
            }
        }
    }
}
