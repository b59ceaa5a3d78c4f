package io.prunescope.prune;

import io.prunescope.analysis.PrunableLayer;
import io.prunescope.model.Graph;
import io.prunescope.model.Model;
import io.prunescope.model.ModelEdit;
import io.prunescope.model.Tensor;
import io.prunescope.onnx.ModelLoadException;
import io.prunescope.onnx.OnnxDocument;
import io.prunescope.onnx.OnnxReader;
import io.prunescope.onnx.OnnxWriter;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.runtime.FloatTensor;
import io.prunescope.runtime.InferenceSession;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Proves an export right, as DESIGN §6 asks: the hard model must load and run in ONNX Runtime, compute what the
 * masked-consumer oracle computes (to 1e-4 relative on random inputs), have every pruned weight shrunk by exactly
 * the planned counts, and carry the planned fine-grained zeros.
 */
public final class ExportVerifier {

    private final PruneEngine engine;
    private final OnnxDocument doc;
    private final OnnxWriter writer = new OnnxWriter();

    public ExportVerifier(PruneEngine engine, OnnxDocument doc) {
        this.engine = engine;
        this.doc = doc;
    }

    public VerificationReport verify(PruningPlan plan, PruneDecision decision, int samples, long seed,
                                     CancellationToken cancel, Progress progress) {
        PrunedModelBuilder builder = new PrunedModelBuilder(engine);
        List<String> problems = new ArrayList<>();
        progress.report(0, 4, "building the pruned model and its oracle");
        byte[] hard = writer.toBytes(doc, builder.build(decision, ExportKind.HARD));
        byte[] oracle = writer.toBytes(doc, builder.build(decision, ExportKind.MASKED_CONSUMER));
        cancel.throwIfCancelled();
        int shapeChecks = 0;
        int sparsityChecks = 0;
        try {
            Model hardModel = new OnnxReader().read(hard).model();
            shapeChecks = checkShapes(hardModel.graph(), decision, problems);
            sparsityChecks = checkSparsity(plan, hardModel.graph(), decision, problems);
        } catch (ModelLoadException e) {
            problems.add("the pruned model does not read back: " + e.getMessage());
        }
        progress.report(1, 4, "creating ONNX Runtime sessions for both models and running them");
        double maxRel = 0;
        double maxAbs = 0;
        boolean ran = false;
        try (InferenceSession h = InferenceSession.open(hard); InferenceSession o = InferenceSession.open(oracle)) {
            SplittableRandom random = new SplittableRandom(seed);
            for (int s = 0; s < samples; s++) {
                cancel.throwIfCancelled();
                Map<String, FloatTensor> feeds = randomInputs(random);
                Map<String, FloatTensor> a = h.run(feeds);
                Map<String, FloatTensor> b = o.run(feeds);
                for (Map.Entry<String, FloatTensor> e : b.entrySet()) {
                    FloatTensor got = a.get(e.getKey());
                    if (got == null || got.numel() != e.getValue().numel()) {
                        problems.add("output '" + e.getKey() + "' has a different size after pruning");
                        continue;
                    }
                    double[] err = error(got.data(), e.getValue().data());
                    maxRel = Math.max(maxRel, err[0]);
                    maxAbs = Math.max(maxAbs, err[1]);
                }
                progress.report(1 + (long) (2.0 * (s + 1) / samples), 4, "compared " + (s + 1) + " of " + samples);
            }
            ran = true;
        } catch (RuntimeException e) {
            if (e instanceof io.prunescope.task.CancelledException) {
                throw e;
            }
            problems.add("ONNX Runtime could not run the pruned model: " + e.getMessage());
        }
        if (ran && maxRel > VerificationReport.TOLERANCE) {
            problems.add(String.format(java.util.Locale.ROOT,
                    "outputs differ from the masked-consumer oracle by %.3e (relative), more than %.0e", maxRel,
                    VerificationReport.TOLERANCE));
        }
        progress.report(4, 4, "done");
        return new VerificationReport(ran, samples, maxRel, maxAbs, shapeChecks, sparsityChecks, problems,
                new CostPreview(engine).compute(decision));
    }

    private Map<String, FloatTensor> randomInputs(SplittableRandom random) {
        Map<String, FloatTensor> feeds = new LinkedHashMap<>();
        engine.analysis().inputShapes().forEach((name, shape) -> {
            float[] data = new float[Math.toIntExact(io.prunescope.model.Shapes.numel(shape))];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) (random.nextDouble() * 2 - 1);
            }
            feeds.put(name, new FloatTensor(data, shape));
        });
        return feeds;
    }

    /** [relative, absolute]: relative is max|a−b| over the largest |b|, so it is scale-free per output. */
    static double[] error(float[] a, float[] b) {
        double maxDiff = 0;
        double maxRef = 0;
        for (int i = 0; i < a.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs((double) a[i] - b[i]));
            maxRef = Math.max(maxRef, Math.abs((double) b[i]));
        }
        return new double[]{maxDiff / Math.max(maxRef, 1e-12), maxDiff};
    }

    /** Every pruned layer's weight lost exactly the planned rows and columns. */
    private int checkShapes(Graph hard, PruneDecision d, List<String> problems) {
        int checks = 0;
        for (PrunableLayer l : engine.layers()) {
            if (d.removedNodes().contains(l.node().index())) {
                continue;
            }
            // The layer as the pruned file has it: it may read its own copy of a shared weight, or read it through
            // Identity (both written so by the export), so follow the node's input rather than the weight's name.
            String wName = hard.findNode(l.node().displayName()).map(n -> n.input(l.weightInputIndex()))
                    .orElse(l.node().input(l.weightInputIndex()));
            Tensor after = io.prunescope.analysis.Weights.resolve(hard, wName).orElse(null);
            if (after == null) {
                problems.add("weight of '" + l.name() + "' is missing from the pruned model");
                continue;
            }
            long[] expected = l.weight().dims();
            int outRemoved = d.removedCount(l.node().output(0));
            int inRemoved = d.removedCount(l.node().input(0));
            switch (l.kind()) {
                case CONV -> {
                    expected[0] -= outRemoved;
                    if (!l.isDepthwise()) {
                        expected[1] -= inRemoved / Math.max(1, l.groups());
                    }
                }
                case CONV_TRANSPOSE -> {
                    expected[0] -= inRemoved;
                    expected[1] -= outRemoved;
                }
                case GEMM -> {
                    expected[l.transposed() ? 1 : 0] -= outRemoved;
                    expected[l.transposed() ? 0 : 1] -= inRemoved;
                }
                case MATMUL -> {
                    expected[1] -= outRemoved;
                    expected[0] -= inRemoved;
                }
                default -> { }
            }
            checks++;
            if (!java.util.Arrays.equals(expected, after.dims())) {
                problems.add("'" + l.name() + "' weight is " + io.prunescope.model.Shapes.format(after.dims())
                        + ", expected " + io.prunescope.model.Shapes.format(expected));
            }
        }
        return checks;
    }

    /** Fine-grained layers whose shape did not change carry exactly the planned pruned units as zeros. */
    private int checkSparsity(PruningPlan plan, Graph hard, PruneDecision d, List<String> problems) {
        int checks = 0;
        for (Map.Entry<String, BitSet> e : d.fineZeros().entrySet()) {
            PrunableLayer l = engine.layer(e.getKey()).orElseThrow();
            if (d.removedCount(l.node().output(0)) > 0 || d.removedCount(l.node().input(0)) > 0) {
                continue;
            }
            Tensor after = hard.constants().get(l.node().input(l.weightInputIndex()));
            float[] values = after.toFloats();
            BitSet zeros = e.getValue();
            int wrong = 0;
            for (int i = zeros.nextSetBit(0); i >= 0; i = zeros.nextSetBit(i + 1)) {
                if (values[i] != 0f) {
                    wrong++;
                }
            }
            LayerSetting s = plan.settingFor(l.name());
            long planned = plannedZeros(l, s);
            checks++;
            if (wrong > 0) {
                problems.add("'" + l.name() + "': " + wrong + " weights the plan prunes are not zero");
            }
            if (planned >= 0 && planned != zeros.cardinality()) {
                problems.add("'" + l.name() + "': " + zeros.cardinality() + " weights zeroed, the plan asks for "
                        + planned);
            }
        }
        return checks;
    }

    /** How many weights the setting zeroes, computed from the unit layout alone (independent of the scores). */
    private long plannedZeros(PrunableLayer l, LayerSetting s) {
        io.prunescope.prune.criteria.WeightView view = engine.weights(l).view();
        if (s.granularity() == Granularity.N_M) {
            int[] shape = view.shape();
            int len = view.size() / shape[0];
            long perRow = 0;
            for (int start = 0; start < len; start += s.m()) {
                int g = Math.min(s.m(), len - start);
                perRow += g - io.prunescope.prune.criteria.NmMasks.keptInGroup(s.n(), s.m(), g);
            }
            return perRow * shape[0];
        }
        io.prunescope.prune.criteria.UnitLayout layout = io.prunescope.prune.criteria.UnitLayout.of(view,
                s.granularity());
        int units = layout.units();
        int kept = io.prunescope.prune.criteria.UnitSelection.keptCount(units, s.ratio(), 1);
        return (long) (units - kept) * layout.unitSize();
    }
}
