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

    /** L1 and L2 of every unit in one pass over the weight. */
    static Norms both(WeightView w, UnitLayout layout) {
        int units = layout.units();
        float[] l1 = new float[units];
        float[] l2 = new float[units];
        int tasks = w.size() >= PARALLEL_THRESHOLD ? Math.min(units, 4 * Parallel.threads()) : 1;
        Parallel.forEach(tasks, t -> fillBoth(w.data(), layout, l1, l2, (int) ((long) units * t / tasks),
                (int) ((long) units * (t + 1) / tasks)));
        return new Norms(l1, l2);
    }

    /**
     * l1[u] and l2[u] for units [from, to) in one pass: with the Vector API kernel once it is compiled, otherwise
     * with {@link ScalarNorms} (quick from a process's first pass on, see there).
     */
    static void fillBoth(float[] data, UnitLayout layout, float[] l1, float[] l2, int from, int to) {
        fillBoth(data, layout, l1, l2, from, to, VectorSupport.normsReady());
    }

    /** As above; {@code vector} false takes the scalar kernel (also while the Vector API kernel compiles). */
    static void fillBoth(float[] data, UnitLayout layout, float[] l1, float[] l2, int from, int to, boolean vector) {
        boolean vectors = vector && layout.segmentLength() >= 16;
        double[] sums = new double[2];
        for (int u = from; u < to; u++) {
            sums[0] = 0;
            sums[1] = 0;
            int base = layout.start(u);
            for (int s = 0; s < layout.segmentCount(); s++) {
                int off = base + s * layout.segmentStride();
                if (vectors) {
                    VectorNorms.addBoth(data, off, layout.segmentLength(), sums);
                } else {
                    ScalarNorms.addBoth(data, off, layout.segmentLength(), sums);
                }
            }
            l1[u] = (float) sums[0];
            l2[u] = (float) Math.sqrt(sums[1]);
        }
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
