package io.prunescope.prune.criteria;

import io.prunescope.runtime.NativeGram;

import java.util.Arrays;

/**
 * FPGM's distance sums {@code g(i) = Σ_j ||x_i − x_j||₂} for the n rows of an n×d row-major matrix,
 * through the Gram matrix: {@code ||a − b||² = |a|² + |b|² − 2 a·b}, clamped at 0, then sqrt.
 *
 * <p>Why it is shaped like this:
 * <ul>
 *   <li>Only the upper triangle is computed; each distance is added to both rows' sums (half the work).</li>
 *   <li>C2 will not vectorise a float dot-product reduction (it must keep the additions in order), but it
 *       does vectorise an "axpy" loop {@code c[j] = fma(a, b[j], c[j])}. So each Gram row is built from
 *       outer products: the matrix is transposed once (d×n), a panel of it is packed into one array per
 *       depth, and the inner loop adds four depths at once into one accumulator row
 *       ({@link #fma4}: 4 FMAs per store, vectorised 16 floats wide on AVX-512).</li>
 *   <li>Cache blocking: a panel of {@value #PANEL_DEPTH} depths × {@value #PANEL_COLS} columns (512 KB,
 *       L2) is packed once per block of {@value #BLOCK_ROWS} rows; for each depth-quad the four panel rows
 *       (8 KB, L1) are reused by all the block's rows, whose accumulator rows (128 KB) stream through L2.
 *       Long rows matter: each {@link #fma4} call has a fixed set-up cost that 512 columns amortise.
 *       Measured single-thread (CPU time): ~18 GMAC/s; 256 columns or row-at-a-time order: 14–16.</li>
 *   <li>Accuracy: float products are summed in float over at most {@value #PANEL_DEPTH} depths, then
 *       flushed into double tiles, and norms and the distance transform are double; near-duplicate pairs,
 *       where the Gram form cancels, are recomputed directly ({@link NearPairs}).</li>
 *   <li>This is the pure-Java path. Layers big enough go to ONNX Runtime's GEMM ({@link NativeGramSums}, about
 *       2× the Vector API kernel and no JIT warm-up); the rest, with {@code jdk.incubator.vector} present, to
 *       {@link VectorGram} (register-blocked, about 3× this one).</li>
 *   <li>Rows are split into blocks dealt round-robin to tasks (the triangle makes early blocks longer);
 *       each task keeps its own sums, merged at the end, so no locking.</li>
 * </ul>
 */
final class DistanceSums {

    static final int BLOCK_ROWS = 64;
    static final int PANEL_COLS = 512;
    static final int PANEL_DEPTH = 256;

    private DistanceSums() {
    }

    /**
     * @param x        n×d row-major; only the first n·d elements are read
     * @param parallel whether to use the shared pool (false when the caller already parallelises)
     */
    static double[] sums(float[] x, int n, int d, boolean parallel) {
        // While the Vector API kernel is still being compiled, small layers go to the runtime too: its few tens of µs
        // per call are less than the plain loops cost a fresh process before C2 compiles them.
        boolean cold = !VectorSupport.ready() && VectorSupport.available();
        if (n > 1 && (NativeGramSums.suits(n, d) || cold && n >= 16 && (long) n * d <= NativeGramSums.MAX_FLOATS)) {
            // During a warm-up the library may still be loading (0.1–0.9 s); waiting for it is quicker than the Java
            // kernels before they are compiled (YOLOv5s's first pass: 298–359 ms without waiting, 125–225 with).
            java.util.Optional<NativeGram> engine = NativeGram.instance();
            if (engine.isPresent()) {
                try {
                    return NativeGramSums.sums(engine.get(), x, n, d, parallel);
                } catch (IllegalStateException | OutOfMemoryError e) {
                    // The runtime failed on this block (or native memory ran out): the Java kernels need no copy.
                }
            }
        }
        return sums(x, n, d, parallel, VectorSupport.ready());
    }

    /** As {@link #sums(float[], int, int, boolean)}, choosing the Vector API kernel or the pure-Java one. */
    static double[] sums(float[] x, int n, int d, boolean parallel, boolean vector) {
        double[] total = new double[n];
        if (n <= 1 || d == 0) {
            return total;
        }
        double[] squaredNorms = squaredNorms(x, n, d);
        if (vector) {
            return VectorGram.sums(x, n, d, squaredNorms, parallel);
        }
        float[] xt = transpose(x, n, d);
        int blocks = (n + BLOCK_ROWS - 1) / BLOCK_ROWS;
        int tasks = parallel ? Math.min(blocks, 4 * Parallel.threads()) : 1;
        double[][] partial = new double[tasks][];
        Parallel.forEach(tasks, t -> partial[t] = sumsForBlocks(x, xt, squaredNorms, n, d, t, tasks));
        for (double[] p : partial) {
            for (int i = 0; i < n; i++) {
                total[i] += p[i];
            }
        }
        return total;
    }

    /** Row blocks t, t + stride, t + 2·stride, … against every column at or right of the block. */
    private static double[] sumsForBlocks(float[] x, float[] xt, double[] sq, int n, int d, int first, int stride) {
        double[] sums = new double[n];
        double[] tile = new double[BLOCK_ROWS * PANEL_COLS];
        float[][] acc = new float[BLOCK_ROWS][PANEL_COLS];
        // One array per depth (plus 3 zero rows for a ragged end): the kernel's loads then all start at
        // index 0 of distinct arrays, which is the form C2's SuperWord vectorises.
        float[][] panel = new float[PANEL_DEPTH + 3][PANEL_COLS];
        int blocks = (n + BLOCK_ROWS - 1) / BLOCK_ROWS;
        for (int b = first; b < blocks; b += stride) {
            int i0 = b * BLOCK_ROWS;
            int i1 = Math.min(n, i0 + BLOCK_ROWS);
            for (int j0 = i0; j0 < n; j0 += PANEL_COLS) {
                int cols = Math.min(PANEL_COLS, n - j0);
                Arrays.fill(tile, 0.0);
                for (int k0 = 0; k0 < d; k0 += PANEL_DEPTH) {
                    int depth = Math.min(PANEL_DEPTH, d - k0);
                    pack(xt, n, j0, cols, k0, depth, panel);
                    blockTimesPanel(x, d, i0, i1, k0, depth, panel, acc, cols);
                    for (int i = i0; i < i1; i++) {
                        flush(acc[i - i0], tile, (i - i0) * PANEL_COLS, cols);
                    }
                }
                addDistances(x, d, tile, sq, sums, i0, i1, j0, cols);
            }
        }
        return sums;
    }

    /** panel[k][j] = xt[k0 + k][j0 + j]; rows past {@code depth} up to the next multiple of 4 are zeroed. */
    private static void pack(float[] xt, int n, int j0, int cols, int k0, int depth, float[][] panel) {
        for (int k = 0; k < depth; k++) {
            System.arraycopy(xt, (k0 + k) * n + j0, panel[k], 0, cols);
        }
        for (int k = depth; k < ((depth + 3) & ~3); k++) {
            Arrays.fill(panel[k], 0, cols, 0f);
        }
    }

    /**
     * acc[r][j] = Σ_k x[i0 + r][k0 + k] · panel[k][j] for every row of the block. Depth-quads outermost:
     * the four panel rows in use stay in L1 while every row of the block reads them.
     */
    private static void blockTimesPanel(float[] x, int d, int i0, int i1, int k0, int depth, float[][] panel,
                                        float[][] acc, int cols) {
        for (int i = i0; i < i1; i++) {
            Arrays.fill(acc[i - i0], 0, cols, 0f);
        }
        for (int k = 0; k < depth; k += 4) {
            float[] b0 = panel[k];
            float[] b1 = panel[k + 1];
            float[] b2 = panel[k + 2];
            float[] b3 = panel[k + 3];
            for (int i = i0; i < i1; i++) {
                int row = i * d + k0;
                float a0 = x[row + k];
                float a1 = k + 1 < depth ? x[row + k + 1] : 0f;
                float a2 = k + 2 < depth ? x[row + k + 2] : 0f;
                float a3 = k + 3 < depth ? x[row + k + 3] : 0f;
                fma4(acc[i - i0], b0, b1, b2, b3, a0, a1, a2, a3, cols);
            }
        }
    }

    /**
     * acc[j] += a0·b0[j] + a1·b1[j] + a2·b2[j] + a3·b3[j]. Kept exactly in this form on purpose: one store,
     * distinct arrays indexed from 0. C2 (JDK 17) vectorises it; two stores per iteration, or loads at
     * offsets inside one array, make it fall back to scalar code (measured 4–5× slower).
     */
    private static void fma4(float[] acc, float[] b0, float[] b1, float[] b2, float[] b3,
                             float a0, float a1, float a2, float a3, int cols) {
        for (int j = 0; j < cols; j++) {
            acc[j] = Math.fma(a3, b3[j], Math.fma(a2, b2[j], Math.fma(a1, b1[j], Math.fma(a0, b0[j], acc[j]))));
        }
    }

    private static void flush(float[] acc, double[] tile, int offset, int cols) {
        for (int j = 0; j < cols; j++) {
            tile[offset + j] += acc[j];
        }
    }

    /** Turns the Gram tile into distances for pairs i < j and adds each to both sums. */
    private static void addDistances(float[] x, int d, double[] tile, double[] sq, double[] sums, int i0, int i1,
                                     int j0, int cols) {
        for (int i = i0; i < i1; i++) {
            int t = (i - i0) * PANEL_COLS;
            double sqi = sq[i];
            double rowSum = 0;
            int jStart = Math.max(0, i + 1 - j0);
            for (int jj = jStart; jj < cols; jj++) {
                int j = j0 + jj;
                double dist = NearPairs.distance(x, d, i, j, sqi, sq[j], tile[t + jj]);
                rowSum += dist;
                sums[j] += dist;
            }
            sums[i] += rowSum;
        }
    }

    static double[] squaredNorms(float[] x, int n, int d) {
        double[] sq = new double[n];
        DotProducts.Lanes lanes = new DotProducts.Lanes();
        for (int i = 0; i < n; i++) {
            sq[i] = lanes.sum(x, i * d, d, true);
        }
        return sq;
    }

    /** d×n transpose, in 32×32 tiles so both sides stay in cache. */
    static float[] transpose(float[] x, int n, int d) {
        float[] xt = new float[n * d];
        final int tileSize = 32;
        for (int i0 = 0; i0 < n; i0 += tileSize) {
            int i1 = Math.min(n, i0 + tileSize);
            for (int k0 = 0; k0 < d; k0 += tileSize) {
                int k1 = Math.min(d, k0 + tileSize);
                for (int i = i0; i < i1; i++) {
                    int row = i * d;
                    for (int k = k0; k < k1; k++) {
                        xt[k * n + i] = x[row + k];
                    }
                }
            }
        }
        return xt;
    }
}
