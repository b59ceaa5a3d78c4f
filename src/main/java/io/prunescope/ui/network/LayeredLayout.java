package io.prunescope.ui.network;

import io.prunescope.task.CancellationToken;

import java.util.Arrays;

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
        int m = from.length;
        // ---- adjacency, and a topological order that drops cycle-closing edges ----
        int[][] succ = adjacency(nodeCount, from, to, true);
        int[] order = topologicalOrder(nodeCount, succ);
        int[] rank = new int[nodeCount];
        for (int i = 0; i < nodeCount; i++) {
            rank[order[i]] = i;
        }
        boolean[] keep = new boolean[m];
        for (int e = 0; e < m; e++) {
            keep[e] = from[e] != to[e] && rank[from[e]] < rank[to[e]];
        }
        // ---- longest-path layering ----
        int[] layer = new int[nodeCount];
        int[][] out = adjacencyKept(nodeCount, from, to, keep, true);
        int[][] in = adjacencyKept(nodeCount, from, to, keep, false);
        for (int v : order) {
            for (int w : out[v]) {
                layer[w] = Math.max(layer[w], layer[v] + 1);
            }
        }
        // sources are pulled down to just above their shallowest reader (constants next to the node using them)
        for (int i = nodeCount - 1; i >= 0; i--) {
            int v = order[i];
            if (in[v].length == 0 && out[v].length > 0) {
                int min = Integer.MAX_VALUE;
                for (int w : out[v]) {
                    min = Math.min(min, layer[w]);
                }
                layer[v] = Math.max(layer[v], min - 1);
            }
        }
        cancel.throwIfCancelled();
        // ---- dummy nodes on long edges ----
        int layerCount = 0;
        for (int v = 0; v < nodeCount; v++) {
            layerCount = Math.max(layerCount, layer[v] + 1);
        }
        IntList layerOf = new IntList(nodeCount * 2);
        for (int v = 0; v < nodeCount; v++) {
            layerOf.add(layer[v]);
        }
        int[][] edgePath = new int[m][];
        IntList segFrom = new IntList(m * 2);
        IntList segTo = new IntList(m * 2);
        for (int e = 0; e < m; e++) {
            if (!keep[e]) {
                edgePath[e] = new int[]{from[e], to[e]};
                continue;
            }
            int a = from[e];
            int b = to[e];
            int span = layer[b] - layer[a];
            int[] path = new int[span + 1];
            path[0] = a;
            int prev = a;
            for (int k = 1; k < span; k++) {
                int d = layerOf.size();
                layerOf.add(layer[a] + k);
                path[k] = d;
                segFrom.add(prev);
                segTo.add(d);
                prev = d;
            }
            path[span] = b;
            segFrom.add(prev);
            segTo.add(b);
            edgePath[e] = path;
        }
        int total = layerOf.size();
        int[] lay = layerOf.toArray();
        int[][] up = adjacency(total, segFrom.toArray(), segTo.toArray(), false);
        int[][] down = adjacency(total, segFrom.toArray(), segTo.toArray(), true);
        // the real node at each end of a dummy chain (real nodes are their own ends)
        int[] upEnd = new int[total];
        int[] downEnd = new int[total];
        for (int v = 0; v < total; v++) {
            upEnd[v] = v;
            downEnd[v] = v;
        }
        for (int v = nodeCount; v < total; v++) {
            int p = up[v][0];
            upEnd[v] = p < nodeCount ? p : upEnd[p]; // dummies are numbered along their chain, top first
        }
        for (int v = total - 1; v >= nodeCount; v--) {
            int q = down[v][0];
            downEnd[v] = q < nodeCount ? q : downEnd[q];
        }
        double[] width = new double[total];
        for (int v = 0; v < total; v++) {
            width[v] = v < nodeCount ? widths[v] : s.dummyWidth();
        }
        // ---- initial order: topological (file) order within each layer, dummies by their source ----
        int[] count = new int[layerCount];
        for (int v = 0; v < total; v++) {
            count[lay[v]]++;
        }
        int[][] layers = new int[layerCount][];
        for (int l = 0; l < layerCount; l++) {
            layers[l] = new int[count[l]];
        }
        int[] fill = new int[layerCount];
        double[] initialKey = new double[total];
        for (int v = 0; v < total; v++) {
            initialKey[v] = v < nodeCount ? rank[v] : -1;
        }
        for (int v = nodeCount; v < total; v++) {
            int p = up[v][0];
            initialKey[v] = initialKey[p] + 0.5;
        }
        for (int v = 0; v < total; v++) {
            layers[lay[v]][fill[lay[v]]++] = v;
        }
        for (int[] row : layers) {
            sortBy(row, initialKey);
        }
        int[] pos = new int[total];
        positions(layers, pos);
        // ---- crossing reduction ----
        int best = crossings(layers, down, pos, total);
        int[][] bestLayers = copy(layers);
        double[] key = new double[total];
        for (int sweep = 0; sweep < s.sweeps() && best > 0; sweep++) {
            cancel.throwIfCancelled();
            boolean downward = sweep % 2 == 0;
            if (downward) {
                for (int l = 1; l < layerCount; l++) {
                    barycentres(layers[l], up, pos, key);
                    sortBy(layers[l], key);
                    positionsOf(layers[l], pos);
                }
            } else {
                for (int l = layerCount - 2; l >= 0; l--) {
                    barycentres(layers[l], down, pos, key);
                    sortBy(layers[l], key);
                    positionsOf(layers[l], pos);
                }
            }
            int c = crossings(layers, down, pos, total);
            if (c < best) {
                best = c;
                bestLayers = copy(layers);
            }
        }
        layers = bestLayers;
        positions(layers, pos);
        cancel.throwIfCancelled();
        // ---- x coordinates: packed, then pulled toward neighbours under order and gap constraints ----
        double[] x = new double[total];
        for (int[] row : layers) {
            double cx = 0;
            for (int i = 0; i < row.length; i++) {
                int v = row[i];
                if (i > 0) {
                    cx += gap(width, row[i - 1], v, s, nodeCount);
                }
                x[v] = cx;
            }
        }
        double[] desired = new double[total];
        double[] weight = new double[total];
        for (int it = 0; it < s.positionIterations(); it++) {
            cancel.throwIfCancelled();
            boolean downward = it % 2 == 0;
            if (downward) {
                for (int l = 1; l < layerCount; l++) {
                    place(layers[l], up, upEnd, x, width, desired, weight, s, nodeCount);
                }
            } else {
                for (int l = layerCount - 2; l >= 0; l--) {
                    place(layers[l], down, downEnd, x, width, desired, weight, s, nodeCount);
                }
            }
        }
        // final balance: each node between its neighbours above and below
        for (int l = 0; l < layerCount; l++) {
            placeBoth(layers[l], up, down, upEnd, downEnd, x, width, desired, weight, s, nodeCount);
        }
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
        double[] y = new double[total];
        for (int v = 0; v < total; v++) {
            x[v] += shift;
            y[v] = s.margin() + lay[v] * (s.nodeHeight() + s.layerGap());
        }
        double contentWidth = maxX - minX + 2 * s.margin();
        double contentHeight = 2 * s.margin() + Math.max(0, layerCount * (s.nodeHeight() + s.layerGap()) - s.layerGap());
        return new Result(nodeCount, lay, x, y, width, layers, edgePath, best, contentWidth, contentHeight, s);
    }

    // ---- x placement ------------------------------------------------------------------------------------------

    private static double gap(double[] width, int a, int b, Spacing s, int nodeCount) {
        double g = a >= nodeCount && b >= nodeCount ? s.nodeGap() / 3 : s.nodeGap();
        return (width[a] + width[b]) / 2 + g;
    }

    private static void place(int[] row, int[][] nbrs, int[] ends, double[] x, double[] width, double[] desired,
                              double[] weight, Spacing s, int nodeCount) {
        for (int v : row) {
            double target = target(v, x, nodeCount, nbrs[v], ends, null, null);
            desired[v] = Double.isNaN(target) ? x[v] : target;
            weight[v] = weight(v, target, nodeCount);
        }
        isotonic(row, x, width, desired, weight, s, nodeCount);
    }

    private static void placeBoth(int[] row, int[][] up, int[][] down, int[] upEnd, int[] downEnd, double[] x,
                                  double[] width, double[] desired, double[] weight, Spacing s, int nodeCount) {
        for (int v : row) {
            double target = target(v, x, nodeCount, up[v], upEnd, down[v], downEnd);
            desired[v] = Double.isNaN(target) ? x[v] : target;
            weight[v] = weight(v, target, nodeCount);
        }
        isotonic(row, x, width, desired, weight, s, nodeCount);
    }

    /**
     * Real boxes outweigh dummies: where a main path and a skip compete for the same spot, the main path stays
     * straight and the skip steps aside (weighting the dummies instead makes every residual block push its main
     * path sideways, and a deep network drifts far off to one side).
     */
    private static double weight(int v, double target, int nodeCount) {
        if (Double.isNaN(target)) {
            return 0.25;
        }
        return v >= nodeCount ? 1 : 1000;
    }

    /**
     * Where a node wants to be: a real node, at the mean x of the real nodes it is joined to (through a dummy
     * chain, the real node at the chain's far end, not the dummy, which may have stepped aside); a dummy, at the
     * mean x of its direct neighbours, so long edges run straight. A residual Add therefore stays under its main
     * path and its skip's source instead of drifting toward the skip's detour at every block.
     */
    private static double target(int v, double[] x, int nodeCount, int[] a, int[] aEnds, int[] b, int[] bEnds) {
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
    private static void isotonic(int[] row, double[] x, double[] width, double[] desired, double[] weight,
                                 Spacing s, int nodeCount) {
        int n = row.length;
        if (n == 0) {
            return;
        }
        double[] offset = new double[n];
        for (int i = 1; i < n; i++) {
            offset[i] = offset[i - 1] + gap(width, row[i - 1], row[i], s, nodeCount);
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

    // ---- ordering -------------------------------------------------------------------------------------------

    private static void barycentres(int[] row, int[][] nbrs, int[] pos, double[] key) {
        for (int v : row) {
            int[] n = nbrs[v];
            if (n.length == 0) {
                key[v] = pos[v]; // no neighbour on that side: stay where it is
            } else {
                double sum = 0;
                for (int w : n) {
                    sum += pos[w];
                }
                key[v] = sum / n.length;
            }
        }
    }

    /** Total crossings between adjacent layers (bilayer counts with a Fenwick tree, O(E log V) per pair). */
    static int crossings(int[][] layers, int[][] down, int[] pos, int total) {
        long sum = 0;
        for (int l = 0; l + 1 < layers.length; l++) {
            int[] upper = layers[l];
            int size = layers[l + 1].length;
            if (size == 0) {
                continue;
            }
            int[] tree = new int[size + 1];
            int seen = 0;
            for (int v : upper) {
                int[] targets = down[v].clone();
                for (int i = 0; i < targets.length; i++) {
                    targets[i] = pos[targets[i]];
                }
                Arrays.sort(targets);
                // edges already added that end strictly right of this one's target cross it
                for (int p : targets) {
                    int atOrLeft = 0;
                    for (int i = p + 1; i > 0; i -= i & -i) {
                        atOrLeft += tree[i];
                    }
                    sum += seen - atOrLeft;
                }
                for (int p : targets) {
                    for (int i = p + 1; i <= size; i += i & -i) {
                        tree[i]++;
                    }
                    seen++;
                }
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, sum);
    }

    private static void positions(int[][] layers, int[] pos) {
        for (int[] row : layers) {
            positionsOf(row, pos);
        }
    }

    private static void positionsOf(int[] row, int[] pos) {
        for (int i = 0; i < row.length; i++) {
            pos[row[i]] = i;
        }
    }

    /** Stable sort of {@code row} by {@code key}. */
    private static void sortBy(int[] row, double[] key) {
        Integer[] boxed = new Integer[row.length];
        for (int i = 0; i < row.length; i++) {
            boxed[i] = row[i];
        }
        Arrays.sort(boxed, (a, b) -> Double.compare(key[a], key[b]));
        for (int i = 0; i < row.length; i++) {
            row[i] = boxed[i];
        }
    }

    private static int[][] copy(int[][] layers) {
        int[][] c = new int[layers.length][];
        for (int i = 0; i < layers.length; i++) {
            c[i] = layers[i].clone();
        }
        return c;
    }

    // ---- graph helpers --------------------------------------------------------------------------------------

    private static int[][] adjacency(int n, int[] from, int[] to, boolean outgoing) {
        boolean[] all = new boolean[from.length];
        Arrays.fill(all, true);
        return adjacencyKept(n, from, to, all, outgoing);
    }

    private static int[][] adjacencyKept(int n, int[] from, int[] to, boolean[] keep, boolean outgoing) {
        int[] deg = new int[n];
        for (int e = 0; e < from.length; e++) {
            if (keep[e]) {
                deg[outgoing ? from[e] : to[e]]++;
            }
        }
        int[][] adj = new int[n][];
        for (int v = 0; v < n; v++) {
            adj[v] = new int[deg[v]];
        }
        int[] fill = new int[n];
        for (int e = 0; e < from.length; e++) {
            if (keep[e]) {
                int a = outgoing ? from[e] : to[e];
                int b = outgoing ? to[e] : from[e];
                adj[a][fill[a]++] = b;
            }
        }
        return adj;
    }

    /** Kahn's order, smallest index first among ready nodes; nodes left on a cycle follow in index order. */
    private static int[] topologicalOrder(int n, int[][] succ) {
        int[] indeg = new int[n];
        for (int[] s : succ) {
            for (int w : s) {
                indeg[w]++;
            }
        }
        java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>();
        for (int v = 0; v < n; v++) {
            if (indeg[v] == 0) {
                ready.add(v);
            }
        }
        int[] order = new int[n];
        boolean[] done = new boolean[n];
        int k = 0;
        int next = 0;
        while (k < n) {
            if (ready.isEmpty()) {
                while (done[next]) {
                    next++;
                }
                ready.add(next); // a cycle: take the earliest remaining node
                indeg[next] = 0;
            }
            int v = ready.poll();
            if (done[v]) {
                continue;
            }
            done[v] = true;
            order[k++] = v;
            for (int w : succ[v]) {
                if (!done[w] && --indeg[w] == 0) {
                    ready.add(w);
                }
            }
        }
        return order;
    }

    /** A growable int array. */
    static final class IntList {
        private int[] data;
        private int size;

        IntList(int capacity) {
            data = new int[Math.max(4, capacity)];
        }

        void add(int v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
