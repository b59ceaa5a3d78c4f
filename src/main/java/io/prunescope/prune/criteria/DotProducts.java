package io.prunescope.prune.criteria;

import java.util.Arrays;

/**
 * Reductions over float runs. C2 keeps a floating-point reduction in order (so it will not vectorise it);
 * the norms go through {@link Lanes}, which C2 does vectorise, and the distance below uses four independent
 * double accumulators so the additions overlap. Public for {@link #absSum} only (the network strips' sums over a
 * model's stored bytes, {@code prune.StoredUnitNorms}); the rest stays the criteria's own.
 */
public final class DotProducts {

    private DotProducts() {
    }

    /** Σ x[off..off+len)², for callers without a {@link Lanes} of their own (allocates one). */
    static double squaredNorm(float[] x, int off, int len) {
        return len < Lanes.SHORT ? Lanes.shortSum(x, off, len, true) : new Lanes().sum(x, off, len, true);
    }

    /** Σ |x[off..off+len)|, for callers without a {@link Lanes} of their own (allocates one). */
    public static double absSum(float[] x, int off, int len) {
        return len < Lanes.SHORT ? Lanes.shortSum(x, off, len, false) : new Lanes().sum(x, off, len, false);
    }

    /**
     * Σ|x| and Σx² over runs of a float array, vectorised by C2 (JDK 17). One instance per thread: it holds
     * two small scratch arrays, so a caller summing many rows allocates once.
     *
     * <p>What C2's SuperWord does and does not vectorise here (measured, single thread, data in L1):
     * <ul>
     *   <li>A reduction {@code s += |x[i]|} is kept in order (float or double): scalar.</li>
     *   <li>An element-wise loop {@code acc[j] += |x[off + j]|} is also scalar (~0.55 ns/element): acc and x
     *       are both float[] and may be the same array, so the store may feed a later load at an unknown
     *       distance. A constant number of lanes ({@code float[16]}) does not help either: the loop is
     *       fully unrolled before SuperWord sees it.</li>
     *   <li>{@code acc[j] += |buf[j]|} with both indexed from 0 over a loop bound C2 does not know is
     *       vectorised (~0.08 ns/element over 4096, ~0.11 over 512). So each chunk of the run is first
     *       copied to {@code buf} ({@code System.arraycopy}, an intrinsic) and then added into the lanes.</li>
     * </ul>
     * The lanes hold float sums of at most {@code len / chunk} values each and are reduced in double, so the
     * relative error stays ~1e-7; runs shorter than {@value #SHORT} are summed directly.
     */
    static final class Lanes {

        /** Runs shorter than this are summed with scalar code: the vector loops' set-up would not pay. */
        static final int SHORT = 128;
        /** Longest chunk (lanes), and the distance between the four chunk slots of {@code buf}. */
        static final int CHUNK = 512;

        private final float[] acc = new float[CHUNK];
        private final float[] buf = new float[4 * CHUNK];

        /** Σ |x| (or Σ x² when {@code squared}) over x[off..off+len). */
        double sum(float[] x, int off, int len, boolean squared) {
            if (len < SHORT) {
                return shortSum(x, off, len, squared);
            }
            // Four chunks per pass over the lanes; chunks of a quarter of the run for shorter runs, so the
            // final reduction of the lanes stays a small share of the work.
            int c = len >= 4 * CHUNK ? CHUNK : Math.max(16, (len / 4) & ~15);
            float[] a = acc;
            float[] b = buf;
            Arrays.fill(a, 0, c, 0f);
            int i = 0;
            for (; i + 4 * c <= len; i += 4 * c) {
                if (c == CHUNK) {
                    System.arraycopy(x, off + i, b, 0, 4 * CHUNK);
                } else {
                    System.arraycopy(x, off + i, b, 0, c);
                    System.arraycopy(x, off + i + c, b, CHUNK, c);
                    System.arraycopy(x, off + i + 2 * c, b, 2 * CHUNK, c);
                    System.arraycopy(x, off + i + 3 * c, b, 3 * CHUNK, c);
                }
                if (squared) {
                    addSquares4(a, b, c);
                } else {
                    addAbs4(a, b, c);
                }
            }
            for (; i < len; i += c) {
                int n = Math.min(c, len - i);
                System.arraycopy(x, off + i, b, 0, n);
                if (squared) {
                    addSquares(a, b, n);
                } else {
                    addAbs(a, b, n);
                }
            }
            return reduce(a, c);
        }

        /** acc[j] += Σ_k |b[j + k·CHUNK]|, k < 4: one load and store of acc per four elements. */
        private static void addAbs4(float[] acc, float[] b, int n) {
            for (int j = 0; j < n; j++) {
                acc[j] += (Math.abs(b[j]) + Math.abs(b[j + CHUNK])) + (Math.abs(b[j + 2 * CHUNK]) + Math.abs(b[j + 3 * CHUNK]));
            }
        }

        private static void addSquares4(float[] acc, float[] b, int n) {
            for (int j = 0; j < n; j++) {
                float v0 = b[j];
                float v1 = b[j + CHUNK];
                float v2 = b[j + 2 * CHUNK];
                float v3 = b[j + 3 * CHUNK];
                acc[j] = Math.fma(v3, v3, Math.fma(v2, v2, Math.fma(v1, v1, Math.fma(v0, v0, acc[j]))));
            }
        }

        private static void addAbs(float[] acc, float[] b, int n) {
            for (int j = 0; j < n; j++) {
                acc[j] += Math.abs(b[j]);
            }
        }

        private static void addSquares(float[] acc, float[] b, int n) {
            for (int j = 0; j < n; j++) {
                acc[j] = Math.fma(b[j], b[j], acc[j]);
            }
        }

        /**
         * Σ acc[0..n) (n is a multiple of 16): sixteen float chains of at most {@value #CHUNK}/16 values each
         * (float adds, no conversion on the critical path), combined in double.
         */
        private static double reduce(float[] acc, int n) {
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
            float s8 = 0, s9 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0, s14 = 0, s15 = 0;
            for (int j = 0; j + 15 < n; j += 16) {
                s0 += acc[j];
                s1 += acc[j + 1];
                s2 += acc[j + 2];
                s3 += acc[j + 3];
                s4 += acc[j + 4];
                s5 += acc[j + 5];
                s6 += acc[j + 6];
                s7 += acc[j + 7];
                s8 += acc[j + 8];
                s9 += acc[j + 9];
                s10 += acc[j + 10];
                s11 += acc[j + 11];
                s12 += acc[j + 12];
                s13 += acc[j + 13];
                s14 += acc[j + 14];
                s15 += acc[j + 15];
            }
            return (((double) s0 + s1) + ((double) s2 + s3)) + (((double) s4 + s5) + ((double) s6 + s7))
                    + (((double) s8 + s9) + ((double) s10 + s11)) + (((double) s12 + s13) + ((double) s14 + s15));
        }

        /** Scalar Σ|x| or Σx² in double, four independent chains. */
        static double shortSum(float[] x, int off, int len, boolean squared) {
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            int i = 0;
            if (squared) {
                for (; i + 3 < len; i += 4) {
                    double v0 = x[off + i], v1 = x[off + i + 1], v2 = x[off + i + 2], v3 = x[off + i + 3];
                    s0 += v0 * v0;
                    s1 += v1 * v1;
                    s2 += v2 * v2;
                    s3 += v3 * v3;
                }
                for (; i < len; i++) {
                    double v = x[off + i];
                    s0 += v * v;
                }
            } else {
                for (; i + 3 < len; i += 4) {
                    s0 += Math.abs(x[off + i]);
                    s1 += Math.abs(x[off + i + 1]);
                    s2 += Math.abs(x[off + i + 2]);
                    s3 += Math.abs(x[off + i + 3]);
                }
                for (; i < len; i++) {
                    s0 += Math.abs(x[off + i]);
                }
            }
            return (s0 + s1) + (s2 + s3);
        }
    }

    /** Σ (x[off+i] − y[i])² for i in [0, len): squared distance from a float row to a double point. */
    static double squaredDistance(float[] x, int off, double[] y, int len) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < len; i += 4) {
            double v0 = x[off + i] - y[i];
            double v1 = x[off + i + 1] - y[i + 1];
            double v2 = x[off + i + 2] - y[i + 2];
            double v3 = x[off + i + 3] - y[i + 3];
            s0 += v0 * v0;
            s1 += v1 * v1;
            s2 += v2 * v2;
            s3 += v3 * v3;
        }
        for (; i < len; i++) {
            double v = x[off + i] - y[i];
            s0 += v * v;
        }
        return (s0 + s1) + (s2 + s3);
    }
}
