package io.prunescope.prune.criteria;

/**
 * Turns Gram entries into distances, guarding against cancellation. {@code |a|² + |b|² − 2a·b} loses the
 * digits of a small distance between two long vectors: the Gram entry carries a float rounding error of
 * roughly 1e-6·|a||b|, which is all of d² when the filters are near-duplicates. Pairs whose d² from the Gram
 * product is below {@value #NEAR} of |a|² + |b|² (cosine similarity above about 0.99) are therefore
 * recomputed directly in double. Random and trained filters rarely come that close, so this costs nothing
 * in the usual case and makes the near-duplicate case exact, which is the case where FPGM's choice hinges.
 */
final class NearPairs {

    static final double NEAR = 1e-2;

    private NearPairs() {
    }

    /**
     * Adds the distances of pairs (i, j), i < j, j in [j0, j0 + cols), i < rows, to both rows' sums.
     * {@code tile[i·stride + (j − j0)]} holds x_i·x_j.
     */
    static void addPanel(float[] x, int d, double[] sq, double[] tile, int stride, int j0, int cols, int rows,
                         double[] sums) {
        for (int i = 0; i < rows; i++) {
            int t = i * stride;
            double sqi = sq[i];
            double rowSum = 0;
            for (int jj = Math.max(0, i + 1 - j0); jj < cols; jj++) {
                int j = j0 + jj;
                double dist = distance(x, d, i, j, sqi, sq[j], tile[t + jj]);
                rowSum += dist;
                sums[j] += dist;
            }
            sums[i] += rowSum;
        }
    }

    /** ||x_i − x_j|| from the Gram entry, or directly when the Gram form would cancel. */
    static double distance(float[] x, int d, int i, int j, double sqi, double sqj, double dot) {
        double scale = sqi + sqj;
        double d2 = scale - 2.0 * dot;
        if (d2 < NEAR * scale) {
            d2 = direct(x, i * d, j * d, d);
        }
        return d2 > 0 ? Math.sqrt(d2) : 0.0;
    }

    /** Σ (x[a + k] − x[b + k])² in double. */
    static double direct(float[] x, int a, int b, int d) {
        double s0 = 0, s1 = 0;
        int k = 0;
        for (; k + 1 < d; k += 2) {
            double v0 = (double) x[a + k] - x[b + k];
            double v1 = (double) x[a + k + 1] - x[b + k + 1];
            s0 += v0 * v0;
            s1 += v1 * v1;
        }
        if (k < d) {
            double v = (double) x[a + k] - x[b + k];
            s0 += v * v;
        }
        return s0 + s1;
    }
}
