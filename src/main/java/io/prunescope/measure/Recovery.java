package io.prunescope.measure;

import io.prunescope.analysis.PrunableLayer;
import io.prunescope.dependency.ChannelGroup;
import io.prunescope.dependency.Member;
import io.prunescope.model.DataType;
import io.prunescope.model.Graph;
import io.prunescope.model.ModelEdit;
import io.prunescope.model.Node;
import io.prunescope.model.Tensor;
import io.prunescope.onnx.OnnxDocument;
import io.prunescope.ops.MemberRole;
import io.prunescope.prune.ExportKind;
import io.prunescope.prune.PruneDecision;
import io.prunescope.prune.PruningPlan;
import io.prunescope.task.CancellationToken;
import io.prunescope.runtime.FloatTensor;
import io.prunescope.runtime.InferenceSession;
import io.prunescope.task.Progress;
import io.prunescope.runtime.RuntimeOptions;
import io.prunescope.session.Workspace;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Training-free recovery after structured pruning, from calibration activations. The result is the hard export of the
 * plan with a further {@link ModelEdit} on top: new biases, and for least squares new weights, of every CONSUMER of
 * removed channels (the layers whose input columns the pruning deleted).
 *
 * <ul>
 *   <li><b>Bias folding</b>: a removed input channel c carried, on average, {@code mean_x[c]}; the consumer's output
 *   lost its average contribution, which goes into the bias: Conv {@code b[o] += Σ_c mean_x[c]·Σ_ij W[o][c][i][j]},
 *   Gemm {@code b += W[:,removed]·mean_x[removed]}. Means are over every sample and position of the ORIGINAL model's
 *   input to the consumer. Exact for a 1×1 conv and a Gemm in expectation; for a k×k conv with padding the border
 *   positions see fewer taps, so it is approximate there. A consumer without a bias gets one (an appended
 *   initializer).</li>
 *   <li><b>Least squares</b> (ThiNet / He et al. 2017 style, after bias folding): each consumer, in graph order, is
 *   refitted so that on the pruned model's own input (which carries every earlier refit) it reproduces the ORIGINAL
 *   model's output of that layer at the kept output channels. For a conv, the input patches are im2col rows at a
 *   seeded sample of output positions; a column of ones fits the bias. Ridge towards the current (bias-folded)
 *   weights: {@code (XᵀX + λI) W = XᵀY + λ W₀}, {@code λ = ridge · trace(XᵀX) / D}.</li>
 * </ul>
 * Grouped convolutions and MatMul consumers are left as they are (noted).
 */
public final class Recovery {

    public enum Mode { NONE, BIAS, LSQ }

    /**
     * @param ridge   relative ridge strength (λ = ridge · mean diagonal of XᵀX)
     * @param maxRows rows (sampled output positions) per layer for least squares
     */
    public record Options(Mode mode, double ridge, int maxRows, long seed, int batchSize, RuntimeOptions runtime) {

        public static Options of(Mode mode) {
            return new Options(mode, 1e-3, 4096, 1, 64, RuntimeOptions.DEFAULT);
        }

        public Options withRuntime(RuntimeOptions r) {
            return new Options(mode, ridge, maxRows, seed, batchSize, r);
        }

        public Options withMaxRows(int rows) {
            return new Options(mode, ridge, rows, seed, batchSize, runtime);
        }

        public Options withRidge(double r) {
            return new Options(mode, r, maxRows, seed, batchSize, runtime);
        }
    }

    /**
     * What happened to one consumer. Errors are relative: ‖output − original output‖ / ‖original output‖ on the
     * sampled rows, before (bias-folded) and after the least-squares refit; NaN when not measured.
     */
    public record LayerReport(String layer, String op, int removedInputs, int keptInputs, int outputs, int rows,
                              double errorBefore, double errorAfter, String note) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s (%s): −%d inputs, %d kept, %d outputs%s%s", layer, op, removedInputs,
                    keptInputs, outputs, Double.isNaN(errorBefore) ? "" : String.format(Locale.ROOT,
                            ", rel. error %.4f → %.4f on %d rows", errorBefore, errorAfter, rows),
                    note == null ? "" : " — " + note);
        }
    }

    public record Result(Mode mode, byte[] model, List<LayerReport> layers, List<String> notes) {
    }

    private Recovery() {
    }

    public static Result recover(Workspace ws, PruningPlan plan, Map<String, FloatTensor> calibration, Options o,
                                 Progress progress, CancellationToken cancel) {
        byte[] hard = ws.exportBytes(plan, ExportKind.HARD);
        if (o.mode() == Mode.NONE) {
            return new Result(Mode.NONE, hard, List.of(), List.of());
        }
        PruneDecision d = ws.decide(plan);
        OnnxDocument hardDoc = ModelBytes.read(hard);
        Graph hg = hardDoc.model().graph();
        List<String> notes = new ArrayList<>();
        List<RefitConsumer> consumers = consumers(ws, d, hg, notes);
        if (consumers.isEmpty()) {
            notes.add("no layer lost input channels: nothing to recover");
            return new Result(o.mode(), hard, List.of(), notes);
        }
        int n = calibration.values().iterator().next().batchSize();
        boolean lsq = o.mode() == Mode.LSQ;
        int perSample = Math.max(1, (o.maxRows() + n - 1) / n);
        long totalSteps = 1 + (lsq ? consumers.size() : 0);

        // 1. The original model: input channel means, and for least squares the target rows.
        Set<String> wanted = new LinkedHashSet<>();
        for (RefitConsumer c : consumers) {
            wanted.add(c.node.input(0));
            if (lsq) {
                wanted.add(c.node.output(0));
            }
        }
        byte[] originalTapped = ModelBytes.withOutputs(ModelBytes.read(ws.originalBytes()), new ModelEdit(), wanted);
        Map<RefitConsumer, double[]> sums = new LinkedHashMap<>();
        Map<RefitConsumer, long[]> counts = new LinkedHashMap<>();
        try (InferenceSession s = InferenceSession.open(originalTapped, o.runtime())) {
            int bs = Calibration.batchSize(s, o.batchSize());
            for (int from = 0; from < n; from += bs) {
                cancel.throwIfCancelled();
                int to = Math.min(n, from + bs);
                Map<String, FloatTensor> out = s.run(slice(calibration, from, to), wanted);
                for (RefitConsumer c : consumers) {
                    FloatTensor x = out.get(c.node.input(0));
                    double[] sum = sums.computeIfAbsent(c, k -> new double[(int) x.shape()[1]]);
                    long[] cnt = counts.computeIfAbsent(c, k -> new long[1]);
                    accumulateChannelSums(x, sum, cnt);
                    if (lsq) {
                        LeastSquaresRefit.collectTargets(c, out.get(c.node.output(0)), from, perSample, o.seed());
                    }
                }
            }
        }
        progress.report(1, totalSteps, "");
        for (RefitConsumer c : consumers) {
            double[] sum = sums.get(c);
            long cnt = counts.get(c)[0];
            c.inputMean = new double[sum.length];
            for (int i = 0; i < sum.length; i++) {
                c.inputMean[i] = sum[i] / Math.max(1, cnt);
            }
            foldBias(c);
        }

        // 2. Least squares, layer by layer in graph order, on the pruned model's own inputs.
        List<LayerReport> reports = new ArrayList<>();
        long step = 1;
        for (RefitConsumer c : consumers) {
            cancel.throwIfCancelled();
            double before = Double.NaN;
            double after = Double.NaN;
            int rows = 0;
            if (lsq && c.note == null) {
                ModelEdit edit = edit(consumers, hg);
                edit.addOutput(c.node.input(0));
                byte[] current = ModelBytes.write(hardDoc, edit);
                List<double[]> xRows = new ArrayList<>();
                try (InferenceSession s = InferenceSession.open(current, o.runtime())) {
                    int bs = Calibration.batchSize(s, o.batchSize());
                    for (int from = 0; from < n; from += bs) {
                        cancel.throwIfCancelled();
                        int to = Math.min(n, from + bs);
                        FloatTensor x = s.run(slice(calibration, from, to), Set.of(c.node.input(0)))
                                .get(c.node.input(0));
                        LeastSquaresRefit.collectInputs(c, x, from, perSample, o.seed(), xRows);
                    }
                }
                rows = xRows.size();
                double[] err = LeastSquaresRefit.solve(c, xRows, o.ridge());
                before = err[0];
                after = err[1];
            }
            reports.add(new LayerReport(c.layer.name(), c.node.opType(), c.removedIn.cardinality(),
                    (int) (c.isConv() ? c.weightDims[1] : LeastSquaresRefit.keptInputsGemm(c)), c.keptOut.length, rows, before, after,
                    c.note));
            if (lsq) {
                progress.report(++step, totalSteps, "");
            }
        }
        byte[] model = ModelBytes.write(hardDoc, edit(consumers, hg)
                .putMetadata("prunescope.recovery", o.mode().name().toLowerCase(Locale.ROOT)));
        return new Result(o.mode(), model, reports, notes);
    }

    // ---- finding consumers ------------------------------------------------------------------------------

    private static List<RefitConsumer> consumers(Workspace ws, PruneDecision d, Graph hg, List<String> notes) {
        Map<Integer, RefitConsumer> byNode = new java.util.TreeMap<>();
        for (ChannelGroup g : ws.dependencies().groups()) {
            if (!d.removedUnits().containsKey(g.id())) {
                continue;
            }
            for (Member m : g.members(MemberRole.CONSUMER)) {
                BitSet removed = d.removedChannels().get(m.tensor());
                if (removed == null || removed.isEmpty() || !m.tensor().equals(m.node().input(0))) {
                    continue;
                }
                PrunableLayer l = ws.engine().layer(m.node().displayName())
                        .filter(x -> x.node().index() == m.node().index()).orElse(null);
                if (l == null) {
                    continue;
                }
                RefitConsumer c = byNode.computeIfAbsent(m.node().index(), k -> new RefitConsumer(m.node(), l));
                for (int ch = removed.nextSetBit(0); ch >= 0; ch = removed.nextSetBit(ch + 1)) {
                    c.removedIn.set(m.weightIndex(ch));
                }
            }
        }
        List<RefitConsumer> out = new ArrayList<>();
        for (RefitConsumer c : byNode.values()) {
            String why = unsupported(c);
            if (why != null) {
                notes.add("'" + c.layer.name() + "' left as pruned: " + why);
                continue;
            }
            long outUnits = c.layer.outputUnits();
            BitSet removedOut = d.removed(c.node.output(0));
            c.keptOut = java.util.stream.IntStream.range(0, (int) outUnits).filter(i -> !removedOut.get(i)).toArray();
            Node hn = hg.node(c.node.index());
            c.weightName = hn.input(1);
            Tensor w = hg.constant(c.weightName).orElseThrow();
            c.weight = w.toFloats();
            c.weightDims = w.dims();
            c.weightType = w.type();
            String b = hn.input(2);
            if (!b.isEmpty() && hg.constant(b).isPresent()) {
                Tensor bt = hg.constant(b).get();
                c.biasName = b;
                c.bias = bt.toFloats();
                c.biasType = bt.type();
            } else {
                c.bias = new float[c.keptOut.length];
                c.biasType = w.type();
            }
            out.add(c);
        }
        return out;
    }

    private static String unsupported(RefitConsumer c) {
        Node n = c.node;
        switch (c.layer.kind()) {
            case CONV -> {
                if (c.layer.groups() != 1) {
                    return "grouped convolution";
                }
                String autoPad = n.stringAttr("auto_pad", "NOTSET");
                if (!autoPad.equals("NOTSET") && !autoPad.equals("VALID")) {
                    return "auto_pad " + autoPad;
                }
                if (c.layer.weight().rank() != 4) {
                    return "only 2-D convolutions";
                }
                return null;
            }
            case GEMM -> {
                if (n.intAttr("transA", 0) != 0 || n.floatAttr("alpha", 1f) != 1f || n.floatAttr("beta", 1f) != 1f) {
                    return "Gemm with transA or alpha/beta ≠ 1";
                }
                return null;
            }
            default -> {
                return c.layer.kind() + " layers have no bias to fold into";
            }
        }
    }

    // ---- bias folding -----------------------------------------------------------------------------------

    private static void foldBias(RefitConsumer c) {
        float[] w = c.layer.weight().toFloats();
        long[] dims = c.layer.weight().dims();
        boolean conv = c.isConv();
        int out = (int) c.layer.outputUnits();
        int in = (int) c.layer.inputUnits();
        int k = conv ? (int) (dims[2] * dims[3]) : 1;
        boolean transposed = !conv && c.node.intAttr("transB", 0) == 0;
        for (int oi = 0; oi < c.keptOut.length; oi++) {
            int o = c.keptOut[oi];
            double delta = 0;
            for (int ch = c.removedIn.nextSetBit(0); ch >= 0; ch = c.removedIn.nextSetBit(ch + 1)) {
                double wsum = 0;
                if (conv) {
                    int base = (o * in + ch) * k;
                    for (int j = 0; j < k; j++) {
                        wsum += w[base + j];
                    }
                } else {
                    wsum = transposed ? w[ch * out + o] : w[o * in + ch];
                }
                delta += c.inputMean[ch] * wsum;
            }
            c.bias[oi] += (float) delta;
        }
    }

    // ---- least squares ----------------------------------------------------------------------------------

    // ---- the edit ---------------------------------------------------------------------------------------

    private static ModelEdit edit(List<RefitConsumer> consumers, Graph hg) {
        ModelEdit e = new ModelEdit();
        for (RefitConsumer c : consumers) {
            if (c.weightChanged) {
                e.replaceTensor(Tensor.ofFloats(c.weightName, c.weightDims, c.weight, storable(c.weightType)));
            }
            if (c.biasName != null) {
                e.replaceTensor(Tensor.ofFloats(c.biasName, new long[] {c.bias.length}, c.bias, storable(c.biasType)));
            } else {
                String name = uniqueName(hg, c.weightName + "_prunescope_bias");
                e.appendInitializerInput(c.node.index(),
                        Tensor.ofFloats(name, new long[] {c.bias.length}, c.bias, storable(c.biasType)));
            }
        }
        return e;
    }

    private static DataType storable(DataType t) {
        return t == DataType.FLOAT16 || t == DataType.BFLOAT16 || t == DataType.DOUBLE ? t : DataType.FLOAT;
    }

    private static String uniqueName(Graph g, String base) {
        String name = base;
        for (int i = 1; g.isConstant(name) || g.producer(name).isPresent(); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private static void accumulateChannelSums(FloatTensor x, double[] sum, long[] count) {
        long[] s = x.shape();
        int n = (int) s[0];
        int ch = (int) s[1];
        int spatial = n * ch == 0 ? 0 : x.numel() / (n * ch);
        float[] d = x.data();
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < ch; c++) {
                int base = (i * ch + c) * spatial;
                double acc = 0;
                for (int j = 0; j < spatial; j++) {
                    acc += d[base + j];
                }
                sum[c] += acc;
            }
        }
        count[0] += (long) n * spatial;
    }

    private static Map<String, FloatTensor> slice(Map<String, FloatTensor> inputs, int from, int to) {
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        inputs.forEach((k, v) -> out.put(k, v.sliceBatch(from, to)));
        return out;
    }
}
