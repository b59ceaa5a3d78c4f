package io.prunescope.ui.heatmap;

import io.prunescope.analysis.PrunableLayer;
import io.prunescope.prune.LayerWeights;
import io.prunescope.prune.PruneDecision;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.prune.criteria.ScoreOptions;
import io.prunescope.prune.criteria.Scorer;
import io.prunescope.prune.criteria.WeightView;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Everything the heatmap panel shows for one layer, computed off the FX thread: the per-unit scores of four
 * criteria (from the engine, never recomputed here), the kernel-norm and stripe-norm maps of a conv (the L2
 * criterion of kernel and stripe units, from {@code prune.criteria}) or the weight magnitude map of a dense layer,
 * and which units the decision prunes. No JavaFX in here.
 *
 * @param units      output units (filters or neurons)
 * @param prunedRows output units the decision removes (filter/neuron pruning) or zeroes entirely (fine-grained)
 * @param maps       conv: kernel norms (filters × input channels), stripe norms (filters × kernel positions);
 *                   dense: magnitudes (neurons × inputs)
 * @param zeroed     fine-grained zeros of the layer's weight under the decision
 */
public record HeatmapData(String layer, String op, boolean dense, int units, String unitName, int[] weightShape,
                          List<ScoreRow> scores, List<Matrix> maps, BitSet prunedRows, long zeroed, long weights) {

    /** The criteria shown side by side, in this order. */
    public static final List<Criterion> CRITERIA = List.of(Criterion.L1, Criterion.L2, Criterion.FPGM,
            Criterion.GEOMETRIC_MEDIAN);

    /** One criterion's scores per unit, or why it is unavailable ({@code values} null). */
    public record ScoreRow(Criterion criterion, float[] values, String unavailable, float min, float max) {
    }

    /**
     * A rows × columns map of values (row-major); {@code marks} flags the cells the decision prunes, and
     * {@code rowMarks}/{@code colMarks} whole rows (removed filters) and columns (removed input channels).
     */
    public record Matrix(String title, String rowName, String colName, int rows, int cols, float[] values,
                         BitSet marks, BitSet rowMarks, BitSet colMarks, float min, float max) {

        public float value(int r, int c) {
            return values[r * cols + c];
        }

        public boolean marked(int r, int c) {
            return rowMarks.get(r) || colMarks.get(c) || marks.get(r * cols + c);
        }
    }

    /** Computes the data of a layer; polls {@code cancel} between the expensive steps. */
    public static HeatmapData compute(Workspace ws, String layerName, PruneDecision decision,
                                      CancellationToken cancel) {
        PrunableLayer layer = ws.engine().layer(layerName)
                .orElseThrow(() -> new IllegalArgumentException(layerName + " is not a prunable layer"));
        LayerWeights lw = LayerWeights.of(layer);
        WeightView view = lw.view();
        boolean dense = view.rank() == 2;
        Granularity g = dense ? Granularity.NEURON : Granularity.FILTER;
        int units = view.shape()[0];
        List<ScoreRow> scores = new ArrayList<>();
        for (Criterion c : CRITERIA) {
            cancel.throwIfCancelled();
            try {
                float[] s = ws.engine().layerScores(layerName, g, c, 0);
                float[] range = range(s);
                scores.add(new ScoreRow(c, s, null, range[0], range[1]));
            } catch (RuntimeException e) {
                scores.add(new ScoreRow(c, null, e.getMessage() == null ? "unavailable" : e.getMessage(), 0, 0));
            }
        }
        cancel.throwIfCancelled();
        BitSet removedRows = decision == null ? new BitSet() : decision.removed(layer.node().output(0));
        BitSet removedCols = new BitSet();
        if (decision != null && layer.groups() == 1) {
            String in = layer.node().input(layer.weightInputIndex() == 0 ? 1 : 0);
            removedCols = decision.removed(in);
        }
        BitSet zeros = zeroMask(lw, decision == null ? null : decision.fineZeros().get(layerName));
        List<Matrix> maps = new ArrayList<>();
        if (dense) {
            maps.add(magnitudes(view, zeros, removedRows, removedCols));
        } else {
            maps.add(kernelNorms(view, zeros, removedRows, removedCols));
            cancel.throwIfCancelled();
            maps.add(stripeNorms(view, zeros, removedRows));
        }
        BitSet prunedRows = (BitSet) removedRows.clone();
        int perUnit = view.size() / Math.max(1, units);
        if (!zeros.isEmpty()) {
            for (int o = 0; o < units; o++) {
                int from = o * perUnit;
                if (zeros.nextClearBit(from) >= from + perUnit) {
                    prunedRows.set(o);
                }
            }
        }
        long[] dims = layer.weight().dims();
        int[] shape = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            shape[i] = (int) dims[i];
        }
        return new HeatmapData(layerName, layer.node().opType(), dense, units, dense ? "neuron" : "filter", shape,
                scores, maps, prunedRows, zeros.cardinality(), view.size());
    }

    /** Fine-grained zeros as view indices (the stored tensor may be transposed relative to the view). */
    static BitSet zeroMask(LayerWeights lw, BitSet storedZeros) {
        BitSet out = new BitSet();
        if (storedZeros == null || storedZeros.isEmpty()) {
            return out;
        }
        int n = lw.view().size();
        for (int v = 0; v < n; v++) {
            if (storedZeros.get(lw.storedIndex(v))) {
                out.set(v);
            }
        }
        return out;
    }

    /** L2 norm of every kernel {@code W[o][c][:][:]}: a filters × input-channels map (the criteria's L2 of kernels). */
    public static Matrix kernelNorms(WeightView w, BitSet zeros, BitSet rows, BitSet cols) {
        int o = w.shape()[0];
        int c = w.shape()[1];
        int inner = w.size() / (o * c);
        // Kernel units are numbered (o, c) row-major, the map's own order.
        float[] out = Scorer.scores(w, Granularity.KERNEL, Criterion.L2, ScoreOptions.defaults());
        BitSet marks = new BitSet();
        for (int k = 0; k < o * c && !zeros.isEmpty(); k++) {
            int base = k * inner;
            if (zeros.nextClearBit(base) >= base + inner) {
                marks.set(k);
            }
        }
        float[] r = range(out);
        return new Matrix("Kernel norms ‖W[o][c][:][:]‖₂", "filter", "input channel", o, c, out, marks,
                (BitSet) rows.clone(), (BitSet) cols.clone(), r[0], r[1]);
    }

    /** L2 norm of every stripe {@code W[o][:][i][j]}: a filters × kernel-positions map (the criteria's L2 of stripes). */
    public static Matrix stripeNorms(WeightView w, BitSet zeros, BitSet rows) {
        int o = w.shape()[0];
        int c = w.shape()[1];
        int k = w.size() / (o * c);
        // Stripe units are numbered (o, i, j) row-major: filter by kernel position, the map's own order.
        float[] out = Scorer.scores(w, Granularity.STRIPE, Criterion.L2, ScoreOptions.defaults());
        BitSet marks = new BitSet();
        if (!zeros.isEmpty()) {
            for (int f = 0; f < o; f++) {
                for (int p = 0; p < k; p++) {
                    boolean all = true;
                    for (int ch = 0; ch < c && all; ch++) {
                        all = zeros.get((f * c + ch) * k + p);
                    }
                    if (all) {
                        marks.set(f * k + p);
                    }
                }
            }
        }
        float[] r = range(out);
        return new Matrix("Stripe norms ‖W[o][:][i][j]‖₂", "filter", "kernel position", o, k, out, marks,
                (BitSet) rows.clone(), new BitSet(), r[0], r[1]);
    }

    /** |W[o][i]| of a dense layer: a neurons × inputs map. */
    public static Matrix magnitudes(WeightView w, BitSet zeros, BitSet rows, BitSet cols) {
        int o = w.shape()[0];
        int in = w.shape()[1];
        float[] data = w.data();
        float[] out = new float[o * in];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.abs(data[i]);
        }
        float[] r = range(out);
        return new Matrix("Weight magnitude |W[o][i]|", "neuron", "input", o, in, out, (BitSet) zeros.clone(),
                (BitSet) rows.clone(), (BitSet) cols.clone(), r[0], r[1]);
    }

    static float[] range(float[] v) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            if (Float.isFinite(x)) {
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
        }
        if (min > max) {
            return new float[]{0, 0};
        }
        return new float[]{min, max};
    }
}
