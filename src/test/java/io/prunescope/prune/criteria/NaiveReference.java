package io.prunescope.prune.criteria;

import java.util.Random;

/** Slow, obviously-correct double implementations to check the fast code against. */
final class NaiveReference {

    private NaiveReference() {
    }

    /** g(k) = Σ_j ||x_k − x_j||₂, O(n²d), in double. */
    static double[] fpgm(double[][] rows) {
        int n = rows.length;
        double[] g = new double[n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double s = 0;
                for (int k = 0; k < rows[a].length; k++) {
                    double diff = rows[a][k] - rows[b][k];
                    s += diff * diff;
                }
                g[a] += Math.sqrt(s);
            }
        }
        return g;
    }

    static double[][] rows(float[] x, int n, int d) {
        double[][] out = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                out[i][k] = x[i * d + k];
            }
        }
        return out;
    }

    static float[] gaussian(int count, long seed) {
        Random random = new Random(seed);
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = (float) random.nextGaussian();
        }
        return out;
    }

    static double objective(double[][] points, double x, double y) {
        double sum = 0;
        for (double[] p : points) {
            sum += Math.hypot(p[0] - x, p[1] - y);
        }
        return sum;
    }

    /**
     * Brute-force 2-D geometric median: compass search (try ±step along both axes, halve the step when no
     * move helps) from every data point, the mean and random starts. The objective is convex, so any start
     * reaches the minimum; the many starts guard against a search stalling on a kink at a data point.
     */
    static double bruteForceMinimum(double[][] points) {
        Random random = new Random(7);
        double best = Double.MAX_VALUE;
        double mx = 0;
        double my = 0;
        double span = 0;
        for (double[] p : points) {
            mx += p[0] / points.length;
            my += p[1] / points.length;
            span = Math.max(span, Math.max(Math.abs(p[0]), Math.abs(p[1])));
        }
        span = Math.max(span, 1);
        double[][] starts = new double[points.length + 21][];
        for (int i = 0; i < points.length; i++) {
            starts[i] = points[i].clone();
        }
        starts[points.length] = new double[] {mx, my};
        for (int i = points.length + 1; i < starts.length; i++) {
            starts[i] = new double[] {(random.nextDouble() * 2 - 1) * span, (random.nextDouble() * 2 - 1) * span};
        }
        double[][] directions = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {1, 1}, {1, -1}, {-1, 1}, {-1, -1}};
        for (double[] start : starts) {
            double x = start[0];
            double y = start[1];
            double f = objective(points, x, y);
            double step = span;
            while (step > 1e-12 * span) {
                boolean moved = false;
                for (double[] dir : directions) {
                    double nx = x + dir[0] * step;
                    double ny = y + dir[1] * step;
                    double nf = objective(points, nx, ny);
                    if (nf < f) {
                        x = nx;
                        y = ny;
                        f = nf;
                        moved = true;
                    }
                }
                if (!moved) {
                    step /= 2;
                }
            }
            best = Math.min(best, f);
        }
        return best;
    }
}
