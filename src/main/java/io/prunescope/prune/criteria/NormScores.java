package io.prunescope.prune.criteria;

/** L1 (Σ|w|) and L2 (sqrt Σw²) per unit, straight from the layout's segments: nothing is copied. */
final class NormScores {

    /** Below this many elements one thread is faster than two. */
    private static final int PARALLEL_THRESHOLD = 1 << 16;

    private NormScores() {
    }

    static float[] l1(WeightView w, UnitLayout layout) {
        return compute(w, layout, false);
    }

    static float[] l2(WeightView w, UnitLayout layout) {
        return compute(w, layout, true);
    }

    private static float[] compute(WeightView w, UnitLayout layout, boolean squared) {
        float[] data = w.data();
        int units = layout.units();
        float[] scores = new float[units];
        int tasks = w.size() >= PARALLEL_THRESHOLD ? Math.min(units, 4 * Parallel.threads()) : 1;
        Parallel.forEach(tasks, t -> {
            int from = (int) ((long) units * t / tasks);
            int to = (int) ((long) units * (t + 1) / tasks);
            fill(data, layout, squared, scores, from, to);
        });
        return scores;
    }

    /** scores[u] for units [from, to), on the calling thread. */
    static void fill(float[] data, UnitLayout layout, boolean squared, float[] scores, int from, int to) {
        DotProducts.Lanes lanes = new DotProducts.Lanes();
        for (int u = from; u < to; u++) {
            scores[u] = (float) unitNorm(data, layout, u, squared, lanes);
        }
    }

    private static double unitNorm(float[] data, UnitLayout layout, int u, boolean squared, DotProducts.Lanes lanes) {
        int base = layout.start(u);
        int segments = layout.segmentCount();
        int length = layout.segmentLength();
        int stride = layout.segmentStride();
        double sum = 0;
        if (length == 1) {
            for (int s = 0; s < segments; s++) {
                float v = data[base + s * stride];
                sum += squared ? (double) v * v : Math.abs(v);
            }
        } else {
            for (int s = 0; s < segments; s++) {
                int from = base + s * stride;
                sum += lanes.sum(data, from, length, squared);
            }
        }
        return squared ? Math.sqrt(sum) : sum;
    }
}
