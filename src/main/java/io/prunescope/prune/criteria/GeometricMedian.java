package io.prunescope.prune.criteria;

/**
 * The geometric median {@code x* = argmin_x Σ_j ||x − p_j||₂} of the n rows of an n×d row-major matrix,
 * by Weiszfeld's iteration with the Vardi–Zhang (2000) modification.
 *
 * <p>Plain Weiszfeld, {@code T(y) = Σ_j p_j/||y − p_j|| / Σ_j 1/||y − p_j||}, divides by zero when an
 * iterate lands on a data point, and can stall there even when that point is not the median. Vardi–Zhang
 * leaves the coinciding points (η of them) out of T, giving T̃, computes
 * {@code r = ||Σ_{j∉D} (p_j − y)/||p_j − y|| ||} and steps to {@code (1 − η/r)⁺ T̃ + min(1, η/r) y}:
 * if {@code r ≤ η} the point already is the median (the pull of the others cannot beat it) and the
 * iteration stops; otherwise it moves off the point. The iteration starts at the mean and stops when a
 * step is shorter than {@code tolerance × max(|y|, spread)} (spread = mean distance of the points to the
 * start), or after {@code maxIterations}. All arithmetic is double.
 */
final class GeometricMedian {

    /** Below this many multiply-adds per iteration the pool's overhead outweighs its gain. */
    private static final long PARALLEL_THRESHOLD = 1 << 16;

    private GeometricMedian() {
    }

    static double[] median(float[] x, int n, int d, double tolerance, int maxIterations, boolean parallel) {
        double[] y = mean(x, n, d);
        if (n <= 1) {
            return y;
        }
        double spread = 0;
        for (int j = 0; j < n; j++) {
            spread += Math.sqrt(DotProducts.squaredDistance(x, j * d, y, d));
        }
        spread /= n;
        if (spread == 0) {
            return y; // all points coincide
        }
        double coincide = 1e-12 * spread;
        int tasks = parallel && (long) n * d >= PARALLEL_THRESHOLD ? 4 * Parallel.threads() : 1;
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            Step step = weiszfeldSums(x, n, d, y, coincide, tasks);
            if (step.weightSum == 0) {
                return y; // every point coincides with y
            }
            double[] next = new double[d];
            double gamma = 0;
            if (step.coinciding > 0) {
                // r = ||Σ_{j∉D} w_j (p_j − y)|| = weightSum · ||T̃ − y||
                double r = 0;
                for (int k = 0; k < d; k++) {
                    double diff = step.weighted[k] - step.weightSum * y[k];
                    r += diff * diff;
                }
                r = Math.sqrt(r);
                if (r <= step.coinciding) {
                    return y; // y is a data point and the optimum
                }
                gamma = step.coinciding / r;
            }
            double move = 0;
            double norm = 0;
            for (int k = 0; k < d; k++) {
                double t = step.weighted[k] / step.weightSum;
                next[k] = (1 - gamma) * t + gamma * y[k];
                double dk = next[k] - y[k];
                move += dk * dk;
                norm += next[k] * next[k];
            }
            y = next;
            if (Math.sqrt(move) <= tolerance * Math.max(Math.sqrt(norm), spread)) {
                break;
            }
        }
        return y;
    }

    /** Σ_j ||p_j − y||₂: the quantity the median minimises (used by tests and for reporting). */
    static double objective(float[] x, int n, int d, double[] y) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
            sum += Math.sqrt(DotProducts.squaredDistance(x, j * d, y, d));
        }
        return sum;
    }

    /** ||p_k − x*||₂ for every row k. */
    static double[] distancesToMedian(float[] x, int n, int d, double tolerance, int maxIterations, boolean parallel) {
        double[] median = median(x, n, d, tolerance, maxIterations, parallel);
        double[] out = new double[n];
        for (int k = 0; k < n; k++) {
            out[k] = Math.sqrt(DotProducts.squaredDistance(x, k * d, median, d));
        }
        return out;
    }

    private record Step(double[] weighted, double weightSum, int coinciding) {
    }

    /** Σ w_j p_j, Σ w_j over points not at y (w_j = 1/||p_j − y||) and the count of points at y. */
    private static Step weiszfeldSums(float[] x, int n, int d, double[] y, double coincide, int tasks) {
        Step[] partial = new Step[tasks];
        Parallel.forEach(tasks, t -> {
            int from = (int) ((long) n * t / tasks);
            int to = (int) ((long) n * (t + 1) / tasks);
            double[] weighted = new double[d];
            double weightSum = 0;
            int coinciding = 0;
            for (int j = from; j < to; j++) {
                double dist = Math.sqrt(DotProducts.squaredDistance(x, j * d, y, d));
                if (dist <= coincide) {
                    coinciding++;
                    continue;
                }
                double w = 1.0 / dist;
                weightSum += w;
                int row = j * d;
                for (int k = 0; k < d; k++) {
                    weighted[k] += w * x[row + k];
                }
            }
            partial[t] = new Step(weighted, weightSum, coinciding);
        });
        double[] weighted = partial[0].weighted;
        double weightSum = partial[0].weightSum;
        int coinciding = partial[0].coinciding;
        for (int t = 1; t < tasks; t++) {
            for (int k = 0; k < d; k++) {
                weighted[k] += partial[t].weighted[k];
            }
            weightSum += partial[t].weightSum;
            coinciding += partial[t].coinciding;
        }
        return new Step(weighted, weightSum, coinciding);
    }

    private static double[] mean(float[] x, int n, int d) {
        double[] m = new double[d];
        for (int j = 0; j < n; j++) {
            int row = j * d;
            for (int k = 0; k < d; k++) {
                m[k] += x[row + k];
            }
        }
        for (int k = 0; k < d; k++) {
            m[k] /= n;
        }
        return m;
    }
}
