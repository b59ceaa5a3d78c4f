package io.prunescope.prune.criteria;

import io.prunescope.runtime.NativeGram;

/**
 * FPGM's distance sums with the Gram blocks computed by ONNX Runtime's GEMM ({@link NativeGram}); the distance
 * transform, the near-pair guard and the sums stay here, in double.
 *
 * <ul>
 *   <li>Symmetry: rows are cut into blocks; block [r0, r1) is multiplied by rows [r0, n) only, so about half of
 *       X·Xᵀ is computed (53–62 % with the block sizes below) while each call stays a large, efficient GEMM.</li>
 *   <li>Centring: the filters' mean is subtracted first. Distances do not change; the norms shrink when the
 *       filters share a component, and with them the digits lost in |a|² + |b|² − 2a·b. The squared norms are
 *       taken in double of exactly the float values the GEMM sees, and {@link NearPairs} recomputes near
 *       duplicates directly from the original weights.</li>
 *   <li>Parallel: blocks are dealt to the criteria pool's threads round-robin (the first blocks are the widest),
 *       each with its own sums; each native call is single-threaded.</li>
 *   <li>Small layers stay on the Java kernels: below {@link #MIN_WORK} multiply-adds a native call's fixed cost
 *       (tens of µs) is not worth it. Very large matrices (over {@link #MAX_FLOATS} weights, e.g. a VGG
 *       classifier's 4096×25088 neurons) also stay in Java rather than being copied once more off the heap.</li>
 * </ul>
 */
final class NativeGramSums {

    static final long MIN_WORK = 1L << 21;
    static final long MAX_FLOATS = 64L << 20;

    private NativeGramSums() {
    }

    /** Whether an n×d matrix goes to the native GEMM. */
    static boolean suits(int n, int d) {
        long work = (long) n * n * d / 2;
        return n >= 32 && work >= MIN_WORK && (long) n * d <= MAX_FLOATS;
    }

    /**
     * Rows per block: 128 (64 below 512 rows). Measured on a 2048×512 layer, one core: blocks of 128 run the GEMM at
     * 38 G multiply-adds/s and compute 53 % of the square; the whole square in one call runs at 31.
     */
    static int blockRows(int n) {
        return n < 512 ? 64 : 128;
    }

    static double[] sums(NativeGram engine, float[] x, int n, int d, boolean parallel) {
        return sums(engine, x, n, d, parallel, VectorSupport.gramRowsReady());
    }

    /** As above, with the Java side on the Vector API or in plain loops. */
    static double[] sums(NativeGram engine, float[] x, int n, int d, boolean parallel, boolean vector) {
        double[] sq = new double[n];
        float[] shift = approximateCentre(x, n, d, vector);
        NativeGram.RowSource centred = (i, row) -> {
            if (vector) {
                sq[i] = VectorGramRows.centreSquared(x, i * d, shift, row, d);
            } else {
                for (int k = 0; k < d; k++) {
                    row[k] = x[i * d + k] - shift[k];
                }
                sq[i] = DotProducts.squaredNorm(row, 0, d);
            }
        };
        try (NativeGram.Matrix matrix = engine.load(n, d, centred)) {
            int block = blockRows(n);
            int blocks = (n + block - 1) / block;
            int tasks = parallel ? Math.min(blocks, Parallel.threads()) : 1;
            double[][] partial = new double[tasks][];
            Parallel.forEach(tasks, t -> partial[t] = blocksOf(matrix, x, n, d, sq, block, t, tasks, vector));
            double[] total = new double[n];
            for (double[] p : partial) {
                for (int i = 0; i < n; i++) {
                    total[i] += p[i];
                }
            }
            return total;
        }
    }

    private static double[] blocksOf(NativeGram.Matrix matrix, float[] x, int n, int d, double[] sq, int block,
                                     int first, int stride, boolean vector) {
        double[] sums = new double[n];
        float[] product = new float[block * n];
        for (int r0 = first * block; r0 < n; r0 += stride * block) {
            int r1 = Math.min(n, r0 + block);
            int cols = n - r0;
            matrix.upperRows(r0, r1, product);
            for (int i = r0; i < r1; i++) {
                int row = (i - r0) * cols - r0;
                sums[i] += vector ? VectorGramRows.addRowDistances(x, d, i, sq, product, row, n, sums)
                        : addRowDistances(x, d, i, sq, product, row, n, sums);
            }
        }
        return sums;
    }

    /** Plain-Java form of {@link VectorGramRows#addRowDistances}. */
    private static double addRowDistances(float[] x, int d, int i, double[] sq, float[] product, int row, int n,
                                          double[] sums) {
        double sqi = sq[i];
        double rowSum = 0;
        for (int j = i + 1; j < n; j++) {
            double dist = NearPairs.distance(x, d, i, j, sqi, sq[j], product[row + j]);
            rowSum += dist;
            sums[j] += dist;
        }
        return rowSum;
    }

    /**
     * The mean of at most 64 evenly spaced filters. Any shift leaves the distances as they are; it only has to be
     * near the centre for the norms to shrink, and a sample is as good for that as all n.
     */
    static float[] approximateCentre(float[] x, int n, int d, boolean vector) {
        int step = Math.max(1, n / 64);
        int count = 0;
        // Float sums of at most 64 rows: the shift only has to be near the centre, not exact.
        float[] sum = new float[d];
        for (int i = 0; i < n; i += step, count++) {
            if (vector) {
                VectorGramRows.addRow(x, i * d, sum, d);
            } else {
                int base = i * d;
                for (int k = 0; k < d; k++) {
                    sum[k] += x[base + k];
                }
            }
        }
        float inverse = 1f / count;
        for (int k = 0; k < d; k++) {
            sum[k] *= inverse;
        }
        return sum;
    }
}
