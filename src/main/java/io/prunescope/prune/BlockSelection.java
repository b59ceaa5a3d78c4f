package io.prunescope.prune;

import io.prunescope.analysis.PrunableLayer;
import io.prunescope.model.Node;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.prune.criteria.UnitMask;
import io.prunescope.prune.criteria.UnitSelection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Layer/block pruning: which residual branches of a plan go (DESIGN §3), split from {@link PruneEngine}. */
final class BlockSelection {

    private BlockSelection() {
    }

    static void select(PruneEngine engine, PruningPlan plan, Set<Integer> removedNodes, Map<String, String> rewires,
                              List<String> notes) {
        List<ResidualBlocks.Block> candidates = new ArrayList<>();
        double ratio = 0;
        Criterion criterion = Criterion.L1;
        for (ResidualBlocks.Block b : engine.residualBlocks()) {
            List<PrunableLayer> inBlock = b.branch().stream().map(engine::layerOf).filter(Objects::nonNull).toList();
            boolean all = !inBlock.isEmpty() && inBlock.stream().allMatch(l -> {
                LayerSetting s = plan.settingFor(l.name());
                return s.granularity() == Granularity.LAYER && !s.protect();
            });
            if (all) {
                candidates.add(b);
                for (PrunableLayer l : inBlock) {
                    if (plan.settingFor(l.name()).ratio() > ratio) {
                        ratio = plan.settingFor(l.name()).ratio();
                        criterion = plan.settingFor(l.name()).criterion();
                    }
                }
            }
        }
        if (candidates.isEmpty() || ratio <= 0) {
            return;
        }
        int remove = (int) Math.floor(ratio * candidates.size() + 1e-9);
        if (remove == 0) {
            notes.add("block pruning: ratio " + ratio + " of " + candidates.size() + " removable blocks removes none");
            return;
        }
        float[] blockScores = new float[candidates.size()];
        for (int i = 0; i < blockScores.length; i++) {
            blockScores[i] = blockScore(engine, candidates.get(i), criterion == Criterion.RANDOM ? Criterion.RANDOM
                    : criterion == Criterion.L2 ? Criterion.L2 : Criterion.L1, plan.seed());
        }
        UnitMask mask = UnitSelection.select(blockScores, (double) remove / candidates.size());
        for (int i : mask.prunedUnits()) {
            ResidualBlocks.Block b = candidates.get(i);
            b.branch().forEach(n -> removedNodes.add(n.index()));
            removedNodes.add(b.add().index());
            rewires.put(b.add().output(0), b.skip());
        }
    }

    /** Mean per-element magnitude of the branch's weights: a branch that writes little is removed first. */
    static float blockScore(PruneEngine engine, ResidualBlocks.Block b, Criterion c, long seed) {
        if (c == Criterion.RANDOM) {
            return (float) new java.util.SplittableRandom(seed + b.add().index()).nextDouble();
        }
        double sum = 0;
        long n = 0;
        for (Node node : b.branch()) {
            PrunableLayer l = engine.layerOf(node);
            if (l != null) {
                for (float v : engine.weights(l).view().data()) {
                    sum += c == Criterion.L2 ? v * v : Math.abs(v);
                }
                n += engine.weights(l).view().size();
            }
        }
        return n == 0 ? 0 : (float) (c == Criterion.L2 ? Math.sqrt(sum / n) : sum / n);
    }
}
