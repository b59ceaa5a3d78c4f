package io.prunescope.prune.criteria;

/**
 * Σ|x| and Σx² of a run in one pass with plain scalar code: the norms' kernel while the Vector API one is still being
 * compiled (and without the Vector API).
 *
 * <p>Why a kernel of its own: a fresh process runs a method first in C1's code, which neither unrolls nor
 * vectorises. {@link DotProducts.Lanes} is shaped for C2's auto-vectoriser (copies into lane buffers, four chunks
 * per pass) and in C1's code ran YOLOv5s's L1 + L2 in 73–95 ms; this loop, four independent double chains per sum,
 * is quick in C1's code already, so a first pass no longer waits for C2. In double, so the sums are at least as
 * accurate as the float lanes.
 */
final class ScalarNorms {

    private ScalarNorms() {
    }

    /** {Σ|x|, Σx²} over x[off..off+len), added to {@code out[0]} and {@code out[1]}. */
    static void addBoth(float[] x, int off, int len, double[] out) {
        double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = off;
        int end = off + len;
        for (; i + 3 < end; i += 4) {
            double v0 = x[i];
            double v1 = x[i + 1];
            double v2 = x[i + 2];
            double v3 = x[i + 3];
            a0 += Math.abs(v0);
            a1 += Math.abs(v1);
            a2 += Math.abs(v2);
            a3 += Math.abs(v3);
            s0 += v0 * v0;
            s1 += v1 * v1;
            s2 += v2 * v2;
            s3 += v3 * v3;
        }
        for (; i < end; i++) {
            double v = x[i];
            a0 += Math.abs(v);
            s0 += v * v;
        }
        out[0] += (a0 + a1) + (a2 + a3);
        out[1] += (s0 + s1) + (s2 + s3);
    }
}
