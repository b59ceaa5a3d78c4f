package io.prunescope.prune;

import io.prunescope.analysis.PrunableLayer;
import io.prunescope.model.Graph;
import io.prunescope.model.Tensor;
import io.prunescope.prune.criteria.Granularity;

import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * The structural half of an export proof (DESIGN §6, oracle 4): every pruned weight shrank by exactly the planned
 * counts, and every fine-grained layer carries exactly the planned zeros — counted from the unit layout alone, so a
 * scoring bug cannot hide here.
 */
final class StructureChecks {

    private final PruneEngine engine;

    StructureChecks(PruneEngine engine) {
        this.engine = engine;
    }

    /** Every pruned layer's weight lost exactly the planned rows and columns. */
    int checkShapes(Graph hard, PruneDecision d, List<String> problems) {
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
    int checkSparsity(PruningPlan plan, Graph hard, PruneDecision d, List<String> problems) {
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
