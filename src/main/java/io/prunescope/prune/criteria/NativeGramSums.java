package io.prunescope.prune.criteria;

import io.prunescope.runtime.NativeGram;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * FPGM's distance sums with the Gram blocks computed by ONNX Runtime's GEMM ({@link NativeGram}); the distance
 * transform, the near-pair guard and the sums stay here, in double.
 *
 * <ul>
 *   <li>Symmetry: rows are cut into narrow blocks; the rows [r0, n) are multiplied by block [r0, r1) only, so
 *       about half of X·Xᵀ is computed (50–53 % with the block sizes below) while each call stays a GEMM that
 *       runs at full speed (see {@link #blockRows}).</li>
 *   <li>Centring: the filters' mean is subtracted first. Distances do not change; the norms shrink when the
 *       filters share a component, and with them the digits lost in |a|² + |b|² − 2a·b. The squared norms are
 *       taken in double of exactly the float values the GEMM sees, and {@link NearPairs} recomputes near
 *       duplicates directly from the original weights.</li>
 *   <li>Parallel: the criteria pool's threads pull blocks in order (the first are the widest), each thread with
 *       its own sums; each native call is single-threaded.</li>
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
     * Rows per block: 32, or 16 below 512 rows. Each call multiplies the rows from the block down by the block
     * ({@link NativeGram.Matrix#blockColumns}); a narrow block wastes little of the square (a block's own square is
     * computed whole and half of it used: 52 % of a 512-row layer at 16 rows, 63 % at 128) and MLAS runs it at full
     * speed, while a block much narrower than 16 (its kernel's width) would not.
     */
    static int blockRows(int n) {
        return n < 512 ? 16 : 32;
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
                sq[i] = centreSquaredPlain(x, i * d, shift, row, d);
            }
        };
        try (NativeGram.Matrix matrix = engine.load(n, d, centred)) {
            int block = blockRows(n);
            int blocks = (n + block - 1) / block;
            int tasks = parallel ? Math.min(blocks, Parallel.threads()) : 1;
            double[][] partial = new double[tasks][];
            // The first blocks are the widest: threads pulling them in order finish close together.
            AtomicInteger next = new AtomicInteger();
            Parallel.forEach(tasks, t -> partial[t] = blocksOf(matrix, x, n, d, sq, block, next, vector));
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
                                     AtomicInteger next, boolean vector) {
        double[] sums = new double[n];
        float[] product = new float[block * n];
        for (int r0 = next.getAndIncrement() * block; r0 < n; r0 = next.getAndIncrement() * block) {
            int r1 = Math.min(n, r0 + block);
            int m = r1 - r0;
            matrix.blockColumns(r0, r1, product);
            // The block's own square: pairs i < j inside it.
            for (int j = r0 + 1; j < r1; j++) {
                int at = (j - r0) * m - r0;
                double colSum = 0;
                for (int i = r0; i < j; i++) {
                    double dist = NearPairs.distance(x, d, i, j, sq[i], sq[j], product[at + i]);
                    colSum += dist;
                    sums[i] += dist;
                }
                sums[j] += colSum;
            }
            // Every later row j against the whole block.
            for (int j = r1; j < n; j++) {
                int at = (j - r0) * m - r0;
                sums[j] += vector ? VectorGramRows.addColumnDistances(x, d, j, r0, r1, sq, product, at, sums)
                        : addColumnDistances(x, d, j, r0, r1, sq, product, at, sums);
            }
        }
        return sums;
    }

    /**
     * For i in [i0, i1): dist = ||x_i − x_j|| from {@code product[at + i]} = x_i·x_j, added to {@code sums[i]};
     * returns the distances' total (for sums[j]). Plain-Java form of {@link VectorGramRows#addColumnDistances}, which
     * a fresh process runs before that is compiled: the arithmetic of {@link NearPairs#distance} is written out here
     * because C1 inlines only tiny methods. With {@link #centreSquaredPlain}, YOLOv5s's 8 largest layers took
     * 112–127 ms in a fresh process's first pass (one thread) against 150–196 ms with a call per pair and two passes.
     */
    private static double addColumnDistances(float[] x, int d, int j, int i0, int i1, double[] sq, float[] product,
                                             int at, double[] sums) {
        double sqj = sq[j];
        double colSum = 0;
        for (int i = i0; i < i1; i++) {
            double scale = sq[i] + sqj;
            double d2 = scale - 2.0 * product[at + i];
            if (d2 < NearPairs.NEAR * scale) {
                d2 = NearPairs.direct(x, i * d, j * d, d);
            }
            double dist = d2 > 0 ? Math.sqrt(d2) : 0.0;
            colSum += dist;
            sums[i] += dist;
        }
        return colSum;
    }

    /**
     * Runs the plain Java side (centring, distances) over the n×d rows of {@code x} against made-up products, without
     * ONNX Runtime: {@link KernelWarmUp}'s first steps call it while the library is still loading, so that a model
     * scored right away (before the Vector API side is compiled) finds these loops compiled. Returns a checksum.
     */
    static double warmPlainSide(float[] x, int n, int d) {
        float[] shift = approximateCentre(x, n, d, false);
        double[] sq = new double[n];
        float[] row = new float[d];
        for (int i = 0; i < n; i++) {
            sq[i] = centreSquaredPlain(x, i * d, shift, row, d);
        }
        int block = 16;
        float[] product = new float[block * n]; // zero products: every pair's d² is |a|² + |b|², none near
        double[] sums = new double[n];
        double total = 0;
        for (int r0 = 0; r0 + block <= n; r0 += block) {
            for (int j = r0 + block; j < n; j++) {
                total += addColumnDistances(x, d, j, r0, r0 + block, sq, product, (j - r0) * block - r0, sums);
            }
        }
        return total;
    }

    /**
     * out[k] = x[base + k] − shift[k] and returns Σ out[k]² in double: plain form of
     * {@link VectorGramRows#centreSquared}, one pass with two chains, quick in C1's code already.
     */
    static double centreSquaredPlain(float[] x, int base, float[] shift, float[] out, int d) {
        double s0 = 0;
        double s1 = 0;
        int k = 0;
        for (; k + 1 < d; k += 2) {
            float v0 = x[base + k] - shift[k];
            float v1 = x[base + k + 1] - shift[k + 1];
            out[k] = v0;
            out[k + 1] = v1;
            s0 += (double) v0 * v0;
            s1 += (double) v1 * v1;
        }
        if (k < d) {
            float v = x[base + k] - shift[k];
            out[k] = v;
            s0 += (double) v * v;
        }
        return s0 + s1;
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
