package io.prunescope.prune;

import io.prunescope.analysis.PrunableLayer;
import io.prunescope.prune.criteria.Granularity;

import java.util.Map;

/** Refuses plans that cannot apply to the open model, with a message naming what is wrong. */
final class PlanValidation {

    private PlanValidation() {
    }

    static void validate(PruneEngine engine, PruningPlan plan) {
        if (plan.modelSha256() != null && engine.analysis().model().sha256() != null
                && !plan.modelSha256().equals(engine.analysis().model().sha256())) {
            throw new PlanException("this plan was made for another model (" + plan.modelName() + ", sha256 "
                    + abbreviate(plan.modelSha256()) + "); the open model is " + engine.analysis().model().displayName()
                    + " (sha256 " + abbreviate(engine.analysis().model().sha256()) + ")");
        }
        checkSetting(engine, "the defaults", plan.defaults(), null);
        for (Map.Entry<String, LayerSetting> e : plan.layers().entrySet()) {
            PrunableLayer l = engine.layer(e.getKey()).orElse(null);
            if (l == null) {
                throw new PlanException("the plan names layer '" + e.getKey() + "', which this model does not have"
                        + " as a prunable layer");
            }
            checkSetting(engine, "layer '" + e.getKey() + "'", e.getValue(), l);
        }
    }

    static void checkSetting(PruneEngine engine, String who, LayerSetting s, PrunableLayer l) {
        if (!(s.ratio() >= 0 && s.ratio() < 1)) {
            throw new PlanException(who + ": ratio " + s.ratio() + " is outside [0, 1)");
        }
        if (s.granularity() == Granularity.N_M && !(s.n() >= 1 && s.n() < s.m())) {
            throw new PlanException(who + ": N:M needs 1 ≤ N < M, got " + s.n() + ":" + s.m());
        }
        if (l != null && s.isActive() && s.granularity() != Granularity.LAYER) {
            int rank = engine.weights(l).view().rank();
            Granularity g = s.granularity();
            boolean structuredAlias = g == Granularity.FILTER || g == Granularity.NEURON || g == Granularity.CHANNEL;
            if (!structuredAlias && !g.appliesToRank(rank)) {
                throw new PlanException(who + ": " + g.label() + " does not apply to a "
                        + (rank == 2 ? "fully connected" : "convolution") + " layer");
            }
        }
    }

    static String abbreviate(String sha) {
        return sha == null ? "?" : sha.substring(0, Math.min(12, sha.length()));
    }
}
