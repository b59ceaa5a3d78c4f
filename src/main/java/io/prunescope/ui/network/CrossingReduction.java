package io.prunescope.ui.network;

import io.prunescope.task.CancellationToken;
import io.prunescope.ui.network.LayerAssignment.LayeredGraph;

import java.util.Arrays;

/**
 * The second phase of {@link LayeredLayout}: orders the nodes within each layer to reduce edge crossings. It
 * starts from the topological (file) order, with each dummy just after its chain's source, then runs barycentric
 * sweeps, down then up, keeping the ordering with the fewest crossings (counted exactly per layer pair with a
 * Fenwick tree). It is separate because it only permutes layers: it reads the {@link LayeredGraph}'s adjacency
 * and never looks at sizes or coordinates.
 */
final class CrossingReduction {

    /** The chosen order of every layer, and its number of crossings. */
    record Ordering(int[][] layers, int crossings) {
    }

    private CrossingReduction() {
    }

    static Ordering order(LayeredGraph g, int sweeps, CancellationToken cancel) {
        int total = g.total();
        int layerCount = g.layerCount();
        int[][] up = g.up();
        int[][] down = g.down();
        int[][] layers = initialOrder(g);
        int[] pos = new int[total];
        positions(layers, pos);
        int best = crossings(layers, down, pos, total);
        int[][] bestLayers = copy(layers);
        double[] key = new double[total];
        for (int sweep = 0; sweep < sweeps && best > 0; sweep++) {
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
        return new Ordering(bestLayers, best);
    }

    /** Topological (file) order within each layer, each dummy just after the node above it in its chain. */
    private static int[][] initialOrder(LayeredGraph g) {
        int nodeCount = g.nodeCount();
        int total = g.total();
        int[] lay = g.layer();
        int[] count = new int[g.layerCount()];
        for (int v = 0; v < total; v++) {
            count[lay[v]]++;
        }
        int[][] layers = new int[g.layerCount()][];
        for (int l = 0; l < layers.length; l++) {
            layers[l] = new int[count[l]];
        }
        int[] fill = new int[layers.length];
        double[] initialKey = new double[total];
        for (int v = 0; v < total; v++) {
            initialKey[v] = v < nodeCount ? g.rank()[v] : -1;
        }
        for (int v = nodeCount; v < total; v++) {
            int p = g.up()[v][0];
            initialKey[v] = initialKey[p] + 0.5;
        }
        for (int v = 0; v < total; v++) {
            layers[lay[v]][fill[lay[v]]++] = v;
        }
        for (int[] row : layers) {
            sortBy(row, initialKey);
        }
        return layers;
    }

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
}
