package io.prunescope.prune.criteria;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Java side of {@link NativeGramSums} with the incubator Vector API (loaded only when {@link VectorSupport}
 * says the module is there): centring a row, and turning a row of Gram products into distances added to the sums.
 * C2 alone leaves these loops scalar (float[] and double[] operands it cannot prove apart, and the float-to-double
 * widening), and then they cost a third as much as the GEMM itself.
 */
final class VectorGramRows {

    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final int L = D.length();
    /** Floats are loaded L at a time into a species half as wide, then widened to L doubles. */
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED.withShape(
            jdk.incubator.vector.VectorShape.forBitSize(D.vectorBitSize() / 2));
    private static final VectorSpecies<Float> FW = FloatVector.SPECIES_PREFERRED;

    private VectorGramRows() {
    }

    /** out[k] = x[base + k] − shift[k] for k &lt; d. */
    static void centre(float[] x, int base, float[] shift, float[] out, int d) {
        int k = 0;
        for (int end = FW.loopBound(d); k < end; k += FW.length()) {
            FloatVector.fromArray(FW, x, base + k).sub(FloatVector.fromArray(FW, shift, k)).intoArray(out, k);
        }
        for (; k < d; k++) {
            out[k] = x[base + k] - shift[k];
        }
    }

    /**
     * out[k] = x[base + k] − shift[k] for k &lt; d, and returns Σ out[k]² — one pass instead of centring and then
     * reading the row again for its norm. Float lanes flushed into a double every 1024 vectors, as in
     * {@link VectorNorms}.
     */
    static double centreSquared(float[] x, int base, float[] shift, float[] out, int d) {
        double total = 0;
        int k = 0;
        int end = FW.loopBound(d);
        while (k < end) {
            int stop = Math.min(end, k + 1024 * FW.length());
            FloatVector acc = FloatVector.zero(FW);
            for (; k < stop; k += FW.length()) {
                FloatVector v = FloatVector.fromArray(FW, x, base + k).sub(FloatVector.fromArray(FW, shift, k));
                v.intoArray(out, k);
                acc = v.fma(v, acc);
            }
            total += acc.reduceLanes(VectorOperators.ADD);
        }
        for (; k < d; k++) {
            float v = x[base + k] - shift[k];
            out[k] = v;
            total += (double) v * v;
        }
        return total;
    }

    /** acc[k] += x[base + k] for k &lt; d (summing sampled rows for the centre). */
    static void addRow(float[] x, int base, float[] acc, int d) {
        int k = 0;
        for (int end = FW.loopBound(d); k < end; k += FW.length()) {
            FloatVector.fromArray(FW, x, base + k).add(FloatVector.fromArray(FW, acc, k)).intoArray(acc, k);
        }
        for (; k < d; k++) {
            acc[k] += x[base + k];
        }
    }

    /**
     * For i in [i0, i1): dist = ||x_i − x_j|| from {@code product[at + i]} = x_i·x_j, added to {@code sums[i]};
     * returns the distances' total (for sums[j]). Lanes whose Gram form would cancel go through {@link NearPairs}.
     */
    static double addColumnDistances(float[] x, int d, int j, int i0, int i1, double[] sq, float[] product, int at,
                                     double[] sums) {
        double sqj = sq[j];
        DoubleVector acc = DoubleVector.zero(D);
        int i = i0;
        for (int end = i0 + D.loopBound(i1 - i0); i < end; i += L) {
            DoubleVector sqi = DoubleVector.fromArray(D, sq, i);
            DoubleVector dot = (DoubleVector) FloatVector.fromArray(F, product, at + i)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector scale = sqi.add(sqj);
            DoubleVector d2 = scale.sub(dot.mul(2.0));
            VectorMask<Double> near = d2.lt(scale.mul(NearPairs.NEAR));
            if (near.anyTrue()) {
                double[] lanes = d2.toArray();
                for (int l = 0; l < L; l++) {
                    if (near.laneIsSet(l)) {
                        lanes[l] = NearPairs.direct(x, (i + l) * d, j * d, d);
                    }
                }
                d2 = DoubleVector.fromArray(D, lanes, 0);
            }
            DoubleVector dist = d2.max(0.0).lanewise(VectorOperators.SQRT);
            acc = acc.add(dist);
            DoubleVector.fromArray(D, sums, i).add(dist).intoArray(sums, i);
        }
        double colSum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < i1; i++) {
            double dist = NearPairs.distance(x, d, i, j, sq[i], sqj, product[at + i]);
            colSum += dist;
            sums[i] += dist;
        }
        return colSum;
    }
}
