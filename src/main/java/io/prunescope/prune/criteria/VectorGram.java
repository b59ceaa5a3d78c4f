package io.prunescope.prune.criteria;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * FPGM distance sums through a register-blocked Gram product written with the JDK 17 incubator Vector API.
 * Only loaded when the module {@code jdk.incubator.vector} is in the boot layer ({@link VectorSupport}); the
 * pure-Java {@link DistanceSums} path is used otherwise.
 *
 * <p>Shape (the classic GEMM micro-kernel, specialised to the upper triangle of X·Xᵀ):
 * <ul>
 *   <li>Columns are taken in panels of {@code NR} = two vectors (16 filters with AVX2, 32 with AVX-512). For a
 *       panel and a depth chunk of {@value #KC}, the panel's rows of X are packed depth-major
 *       ({@code bp[k·NR + c]}), {@value #KC}·NR floats, which stay in L1.</li>
 *   <li>The micro-kernel computes a {@value #MR}×NR tile: per depth step two vector loads of the packed panel,
 *       six broadcasts of X's rows and twelve FMAs into twelve accumulators that live in registers (15 of AVX2's
 *       16 vector registers). No horizontal reductions at all.</li>
 *   <li>Only the row blocks at or above the panel's diagonal are computed (symmetry halves the work).</li>
 *   <li>Accuracy: float accumulation over at most {@value #KC} depths, then added into a double tile; the
 *       distance transform is double and {@link NearPairs} recomputes near-duplicate pairs directly.</li>
 *   <li>Panels are dealt round-robin, largest first, to one task per worker, each with its own sums.</li>
 * </ul>
 */
final class VectorGram {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    static final int NR = 2 * L;
    static final int MR = 6;
    static final int KC = 256;

    private VectorGram() {
    }

    static double[] sums(float[] x, int n, int d, double[] sq, boolean parallel) {
        int panels = (n + NR - 1) / NR;
        float[] ap = packRows(x, n, d);
        int tasks = parallel ? Math.min(panels, Parallel.threads()) : 1;
        double[][] partial = new double[tasks][];
        Parallel.forEach(tasks, t -> partial[t] = panelsOf(x, ap, n, d, sq, panels, t, tasks));
        double[] total = new double[n];
        for (double[] p : partial) {
            for (int i = 0; i < n; i++) {
                total[i] += p[i];
            }
        }
        return total;
    }

    /** Panels panels−1−t, panels−1−t−stride, …: the largest (rightmost) panels first. */
    private static double[] panelsOf(float[] x, float[] ap, int n, int d, double[] sq, int panels, int t, int stride) {
        double[] sums = new double[n];
        float[] bp = new float[KC * NR];
        float[] acc = new float[MR * NR];
        double[] tile = new double[(n + MR) * NR];
        int padded = (n + MR - 1) / MR * MR;
        for (int p = panels - 1 - t; p >= 0; p -= stride) {
            int j0 = p * NR;
            int cols = Math.min(NR, n - j0);
            int rows = j0 + cols - 1; // rows i < j for some j in the panel
            if (rows <= 0) {
                continue;
            }
            Arrays.fill(tile, 0, rows * NR, 0.0);
            for (int k0 = 0; k0 < d; k0 += KC) {
                int kc = Math.min(KC, d - k0);
                pack(x, d, j0, cols, k0, kc, bp);
                for (int i0 = 0; i0 < rows; i0 += MR) {
                    kernel(ap, k0 * padded + i0 * kc, kc, bp, acc);
                    int m = Math.min(MR, rows - i0);
                    for (int r = 0; r < m; r++) {
                        int to = (i0 + r) * NR;
                        int from = r * NR;
                        for (int c = 0; c < NR; c++) {
                            tile[to + c] += acc[from + c];
                        }
                    }
                }
            }
            NearPairs.addPanel(x, d, sq, tile, NR, j0, cols, rows, sums);
        }
        return sums;
    }

    /** bp[k·NR + c] = x[j0 + c][k0 + k]; columns past the matrix are zero. */
    private static void pack(float[] x, int d, int j0, int cols, int k0, int kc, float[] bp) {
        if (cols < NR) {
            Arrays.fill(bp, 0f);
        }
        for (int c = 0; c < cols; c++) {
            int row = (j0 + c) * d + k0;
            for (int k = 0; k < kc; k++) {
                bp[k * NR + c] = x[row + k];
            }
        }
    }

    /**
     * X re-laid out for the kernel, once per call: depth chunks of {@value #KC}, in each chunk blocks of
     * {@value #MR} rows interleaved depth-major, {@code ap[k0·padded + (i / MR)·MR·kc + k·MR + i % MR] =
     * x[i][k0 + k]}, so a kernel call reads one contiguous run. Rows past n are zero.
     */
    private static float[] packRows(float[] x, int n, int d) {
        int padded = (n + MR - 1) / MR * MR;
        float[] ap = new float[padded * d];
        for (int k0 = 0; k0 < d; k0 += KC) {
            int kc = Math.min(KC, d - k0);
            for (int i = 0; i < n; i++) {
                int base = k0 * padded + (i / MR) * MR * kc + i % MR;
                int row = i * d + k0;
                for (int k = 0; k < kc; k++) {
                    ap[base + k * MR] = x[row + k];
                }
            }
        }
        return ap;
    }

    /** acc[r·NR + c] = Σ_k ap[a + k·MR + r] · bp[k·NR + c] for r &lt; MR. */
    private static void kernel(float[] ap, int a, int kc, float[] bp, float[] acc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        for (int k = 0, ia = a, ib = 0; k < kc; k++, ia += MR, ib += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, ib);
            FloatVector b1 = FloatVector.fromArray(S, bp, ib + L);
            FloatVector v = FloatVector.broadcast(S, ap[ia]);
            c00 = v.fma(b0, c00);
            c01 = v.fma(b1, c01);
            v = FloatVector.broadcast(S, ap[ia + 1]);
            c10 = v.fma(b0, c10);
            c11 = v.fma(b1, c11);
            v = FloatVector.broadcast(S, ap[ia + 2]);
            c20 = v.fma(b0, c20);
            c21 = v.fma(b1, c21);
            v = FloatVector.broadcast(S, ap[ia + 3]);
            c30 = v.fma(b0, c30);
            c31 = v.fma(b1, c31);
            v = FloatVector.broadcast(S, ap[ia + 4]);
            c40 = v.fma(b0, c40);
            c41 = v.fma(b1, c41);
            v = FloatVector.broadcast(S, ap[ia + 5]);
            c50 = v.fma(b0, c50);
            c51 = v.fma(b1, c51);
        }
        c00.intoArray(acc, 0);
        c01.intoArray(acc, L);
        c10.intoArray(acc, NR);
        c11.intoArray(acc, NR + L);
        c20.intoArray(acc, 2 * NR);
        c21.intoArray(acc, 2 * NR + L);
        c30.intoArray(acc, 3 * NR);
        c31.intoArray(acc, 3 * NR + L);
        c40.intoArray(acc, 4 * NR);
        c41.intoArray(acc, 4 * NR + L);
        c50.intoArray(acc, 5 * NR);
        c51.intoArray(acc, 5 * NR + L);
    }
}
