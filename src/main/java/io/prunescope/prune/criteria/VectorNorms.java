package io.prunescope.prune.criteria;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Σ|x| and Σx² of a run in one pass, with the incubator Vector API (loaded only when {@link VectorSupport} says
 * the module is there). Four vector accumulators per sum keep both FMA pipes busy; each lane sums at most
 * {@value #FLUSH} values in float before being added into a double, so the relative error stays ~1e-7.
 */
final class VectorNorms {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int FLUSH = 1024;

    private VectorNorms() {
    }

    /** {Σ|x|, Σx²} over x[off..off+len), added to {@code out[0]} and {@code out[1]}. */
    static void addBoth(float[] x, int off, int len, double[] out) {
        double abs = 0;
        double sq = 0;
        int i = 0;
        int step = 4 * L;
        while (i + step <= len) {
            int end = Math.min(len - step + 1, i + FLUSH * L);
            FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S), a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
            FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S), s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
            for (; i < end; i += step) {
                FloatVector v0 = FloatVector.fromArray(S, x, off + i);
                FloatVector v1 = FloatVector.fromArray(S, x, off + i + L);
                FloatVector v2 = FloatVector.fromArray(S, x, off + i + 2 * L);
                FloatVector v3 = FloatVector.fromArray(S, x, off + i + 3 * L);
                a0 = a0.add(v0.abs());
                a1 = a1.add(v1.abs());
                a2 = a2.add(v2.abs());
                a3 = a3.add(v3.abs());
                s0 = v0.fma(v0, s0);
                s1 = v1.fma(v1, s1);
                s2 = v2.fma(v2, s2);
                s3 = v3.fma(v3, s3);
            }
            abs += (double) a0.add(a1).reduceLanes(VectorOperators.ADD) + a2.add(a3).reduceLanes(VectorOperators.ADD);
            sq += (double) s0.add(s1).reduceLanes(VectorOperators.ADD) + s2.add(s3).reduceLanes(VectorOperators.ADD);
        }
        for (; i < len; i++) {
            double v = x[off + i];
            abs += Math.abs(v);
            sq += v * v;
        }
        out[0] += abs;
        out[1] += sq;
    }
}
