package io.prunescope.ui.network;

import io.prunescope.task.CancellationToken;

import java.util.Arrays;

/**
 * The first phase of {@link LayeredLayout}: breaks cycles, assigns every node a layer by longest path from the
 * sources (pulling sources that only feed deeper nodes down next to their first reader), and splits edges that span
 * several layers into chains of one dummy node per crossed layer. It is separate from the later phases because
 * its output, a {@link LayeredGraph} whose edges all join adjacent layers, is all that ordering and positioning
 * need; they never look at the original edge list again.
 */
final class LayerAssignment {

    /**
     * A proper layered graph: real nodes {@code 0..nodeCount-1}, then the dummies, numbered along their chains
     * top first.
     *
     * @param rank      a real node's place in the topological order (the initial order within a layer)
     * @param layer     every node's layer, dummies included
     * @param up        every node's neighbours one layer up
     * @param down      every node's neighbours one layer down
     * @param upEnd     the real node at the top end of a node's dummy chain (a real node is its own end)
     * @param downEnd   the real node at the bottom end of a node's dummy chain
     * @param edgePath  the nodes each input edge passes through, source to target
     */
    record LayeredGraph(int nodeCount, int total, int layerCount, int[] rank, int[] layer, int[][] up, int[][] down,
                        int[] upEnd, int[] downEnd, int[][] edgePath) {
    }

    private LayerAssignment() {
    }

    /** Layers the graph {@code from[e] → to[e]} and inserts the dummy nodes. */
    static LayeredGraph assign(int nodeCount, int[] from, int[] to, CancellationToken cancel) {
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
        int[] layer = longestPathLayers(nodeCount, from, to, keep, order);
        cancel.throwIfCancelled();
        return withDummies(nodeCount, from, to, keep, rank, layer);
    }

    /** Longest-path layering; sources are then pulled down to just above their shallowest reader. */
    private static int[] longestPathLayers(int nodeCount, int[] from, int[] to, boolean[] keep, int[] order) {
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
        return layer;
    }

    /** One dummy node per layer a kept edge crosses; dropped (cycle-closing) edges keep their two ends only. */
    private static LayeredGraph withDummies(int nodeCount, int[] from, int[] to, boolean[] keep, int[] rank,
                                            int[] layer) {
        int m = from.length;
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
        return new LayeredGraph(nodeCount, total, layerCount, rank, lay, up, down, upEnd, downEnd, edgePath);
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
