package io.prunescope.measure;

import io.prunescope.runtime.FloatTensor;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The least-squares half of {@link Recovery}: im2col rows of a consumer's input at seeded output positions, the
 * original model's outputs there as targets, and the ridge solve towards the bias-folded weights
 * ({@code (XᵀX + λI)W = XᵀY + λW₀}) that writes the refit back into the consumer.
 */
final class LeastSquaresRefit {

    private LeastSquaresRefit() {
    }

    /** Seeded output positions (oy, ox) for sample {@code n}; the same for the original and the pruned model. */
    static int[][] positions(RefitConsumer c, int sample, int hOut, int wOut, int perSample, long seed) {
        if (!c.isConv()) {
            return new int[][] {{0, 0}};
        }
        Random r = new Random(seed * 1_000_003L + c.node.index() * 7919L + sample);
        int total = hOut * wOut;
        int k = Math.min(perSample, total);
        int[][] pos = new int[k][];
        if (k == total) {
            for (int i = 0; i < total; i++) {
                pos[i] = new int[] {i / wOut, i % wOut};
            }
            return pos;
        }
        Set<Integer> chosen = new LinkedHashSet<>();
        while (chosen.size() < k) {
            chosen.add(r.nextInt(total));
        }
        int i = 0;
        for (int p : chosen) {
            pos[i++] = new int[] {p / wOut, p % wOut};
        }
        return pos;
    }

    static void collectTargets(RefitConsumer c, FloatTensor y, int firstSample, int perSample, long seed) {
        if (c.note != null) {
            return;
        }
        long[] s = y.shape();
        int n = (int) s[0];
        int cout = (int) s[1];
        int h = c.isConv() ? (int) s[2] : 1;
        int w = c.isConv() ? (int) s[3] : 1;
        float[] d = y.data();
        for (int i = 0; i < n; i++) {
            for (int[] p : positions(c, firstSample + i, h, w, perSample, seed)) {
                double[] row = new double[c.keptOut.length];
                for (int oi = 0; oi < row.length; oi++) {
                    int o = c.keptOut[oi];
                    row[oi] = d[((i * cout + o) * h + p[0]) * w + p[1]];
                }
                c.yRows.add(row);
            }
        }
    }

    static void collectInputs(RefitConsumer c, FloatTensor x, int firstSample, int perSample, long seed,
                                      List<double[]> rows) {
        long[] s = x.shape();
        int n = (int) s[0];
        int cin = (int) s[1];
        float[] d = x.data();
        if (!c.isConv()) {
            int f = x.sampleSize();
            for (int i = 0; i < n; i++) {
                double[] row = new double[f + 1];
                for (int j = 0; j < f; j++) {
                    row[j] = d[i * f + j];
                }
                row[f] = 1;
                rows.add(row);
            }
            return;
        }
        int h = (int) s[2];
        int w = (int) s[3];
        int kh = (int) c.weightDims[2];
        int kw = (int) c.weightDims[3];
        long[] strides = orDefault(c.node.intsAttr("strides"), 1, 1);
        long[] dil = orDefault(c.node.intsAttr("dilations"), 1, 1);
        long[] pads = orDefault(c.node.intsAttr("pads"), 0, 0, 0, 0);
        int hOut = (int) ((h + pads[0] + pads[2] - dil[0] * (kh - 1) - 1) / strides[0] + 1);
        int wOut = (int) ((w + pads[1] + pads[3] - dil[1] * (kw - 1) - 1) / strides[1] + 1);
        int dim = cin * kh * kw + 1;
        for (int i = 0; i < n; i++) {
            for (int[] p : positions(c, firstSample + i, hOut, wOut, perSample, seed)) {
                double[] row = new double[dim];
                for (int ch = 0; ch < cin; ch++) {
                    int base = (i * cin + ch) * h * w;
                    for (int a = 0; a < kh; a++) {
                        int iy = (int) (p[0] * strides[0] - pads[0] + a * dil[0]);
                        if (iy < 0 || iy >= h) {
                            continue;
                        }
                        for (int b = 0; b < kw; b++) {
                            int ix = (int) (p[1] * strides[1] - pads[1] + b * dil[1]);
                            if (ix >= 0 && ix < w) {
                                row[(ch * kh + a) * kw + b] = d[base + iy * w + ix];
                            }
                        }
                    }
                }
                row[dim - 1] = 1;
                rows.add(row);
            }
        }
    }

    static long[] orDefault(long[] v, long... fallback) {
        return v == null || v.length != fallback.length ? fallback : v;
    }

    /** Solves the ridge problem and writes the new weight and bias into the consumer; returns {before, after}. */
    static double[] solve(RefitConsumer c, List<double[]> xRows, double ridge) {
        if (xRows.size() != c.yRows.size()) {
            throw new IllegalStateException("least squares for '" + c.layer.name() + "': " + xRows.size()
                    + " input rows but " + c.yRows.size() + " target rows");
        }
        int rows = xRows.size();
        int dim = xRows.get(0).length;
        int cout = c.keptOut.length;
        DMatrixRMaj x = new DMatrixRMaj(rows, dim);
        DMatrixRMaj y = new DMatrixRMaj(rows, cout);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(xRows.get(r), 0, x.data, r * dim, dim);
            System.arraycopy(c.yRows.get(r), 0, y.data, r * cout, cout);
        }
        DMatrixRMaj w0 = currentAsMatrix(c, dim);
        double before = relativeError(x, w0, y);
        DMatrixRMaj a = new DMatrixRMaj(dim, dim);
        CommonOps_DDRM.multTransA(x, x, a);
        DMatrixRMaj b = new DMatrixRMaj(dim, cout);
        CommonOps_DDRM.multTransA(x, y, b);
        double lambda = ridge * Math.max(CommonOps_DDRM.trace(a) / dim, 1e-12);
        for (int i = 0; i < dim; i++) {
            a.add(i, i, lambda);
        }
        DMatrixRMaj prior = w0.copy();
        CommonOps_DDRM.scale(lambda, prior);
        CommonOps_DDRM.addEquals(b, prior);
        DMatrixRMaj sol = new DMatrixRMaj(dim, cout);
        if (!CommonOps_DDRM.solve(a, b, sol)) {
            c.note = "least squares is singular; bias folding kept";
            return new double[] {before, before};
        }
        double after = relativeError(x, sol, y);
        if (!(after <= before)) {
            c.note = "least squares did not reduce the error; bias folding kept";
            return new double[] {before, before};
        }
        writeBack(c, sol, dim);
        return new double[] {before, after};
    }

    static double relativeError(DMatrixRMaj x, DMatrixRMaj w, DMatrixRMaj y) {
        DMatrixRMaj pred = new DMatrixRMaj(x.numRows, w.numCols);
        CommonOps_DDRM.mult(x, w, pred);
        CommonOps_DDRM.subtractEquals(pred, y);
        double ny = NormOps_DDRM.normF(y);
        return ny == 0 ? NormOps_DDRM.normF(pred) : NormOps_DDRM.normF(pred) / ny;
    }

    /** The consumer's current weight and bias as a D × Cout matrix (rows = inputs·taps, last row = bias). */
    static DMatrixRMaj currentAsMatrix(RefitConsumer c, int dim) {
        int cout = c.keptOut.length;
        DMatrixRMaj m = new DMatrixRMaj(dim, cout);
        int inner = dim - 1;
        for (int o = 0; o < cout; o++) {
            for (int j = 0; j < inner; j++) {
                m.set(j, o, c.weight[weightIndex(c, o, j, inner)]);
            }
            m.set(inner, o, c.bias[o]);
        }
        return m;
    }

    static void writeBack(RefitConsumer c, DMatrixRMaj sol, int dim) {
        int inner = dim - 1;
        for (int o = 0; o < c.keptOut.length; o++) {
            for (int j = 0; j < inner; j++) {
                c.weight[weightIndex(c, o, j, inner)] = (float) sol.get(j, o);
            }
            c.bias[o] = (float) sol.get(inner, o);
        }
        c.weightChanged = true;
    }

    /** Flat index in the stored weight of (output o, input column j). */
    static int weightIndex(RefitConsumer c, int o, int j, int inner) {
        if (c.isConv() || c.node.intAttr("transB", 0) != 0) {
            return o * inner + j;
        }
        return j * c.keptOut.length + o; // Gemm with transB = 0 stores [in][out]
    }

    static int keptInputsGemm(RefitConsumer c) {
        return (int) (c.node.intAttr("transB", 0) != 0 ? c.weightDims[1] : c.weightDims[0]);
    }
}
