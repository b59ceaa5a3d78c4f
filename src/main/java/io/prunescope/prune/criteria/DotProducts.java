package io.prunescope.prune.criteria;

/**
 * Small reductions in double with four independent accumulators: C2 keeps a floating-point reduction
 * in order (so it will not vectorise it), and one accumulator would make every addition wait for the
 * previous one; four chains let the additions overlap.
 */
final class DotProducts {

    private DotProducts() {
    }

    /** Lanes of the element-wise accumulators: C2 vectorises a fixed-length element-wise loop, not a reduction. */
    private static final int LANES = 16;
    /** Float lanes are flushed into double this often, so no lane sums more than this many values in float. */
    private static final int FLUSH = 256 * LANES;

    /** Σ x[off..off+len)². */
    static double squaredNorm(float[] x, int off, int len) {
        float[] acc = new float[LANES];
        double total = 0;
        int i = 0;
        while (i + LANES <= len) {
            int end = Math.min(len - (len - i) % LANES, i + FLUSH);
            for (; i < end; i += LANES) {
                for (int j = 0; j < LANES; j++) {
                    float v = x[off + i + j];
                    acc[j] += v * v;
                }
            }
            total += flush(acc);
        }
        for (; i < len; i++) {
            double v = x[off + i];
            total += v * v;
        }
        return total;
    }

    /** Σ |x[off..off+len)|. */
    static double absSum(float[] x, int off, int len) {
        float[] acc = new float[LANES];
        double total = 0;
        int i = 0;
        while (i + LANES <= len) {
            int end = Math.min(len - (len - i) % LANES, i + FLUSH);
            for (; i < end; i += LANES) {
                for (int j = 0; j < LANES; j++) {
                    acc[j] += Math.abs(x[off + i + j]);
                }
            }
            total += flush(acc);
        }
        for (; i < len; i++) {
            total += Math.abs(x[off + i]);
        }
        return total;
    }

    private static double flush(float[] acc) {
        double s = 0;
        for (int j = 0; j < LANES; j++) {
            s += acc[j];
            acc[j] = 0;
        }
        return s;
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
