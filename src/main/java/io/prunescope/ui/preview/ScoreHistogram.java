package io.prunescope.ui.preview;

import io.prunescope.analysis.PrunableLayer;
import io.prunescope.prune.LayerSetting;
import io.prunescope.prune.PruneDecision;
import io.prunescope.prune.PruningPlan;
import io.prunescope.prune.criteria.CriteriaSupport;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.prune.criteria.Support;
import io.prunescope.session.Workspace;

import java.util.Arrays;

/**
 * The numbers behind the score histogram of one layer: its units' scores under its own criterion and granularity,
 * and the cut-off between the units the decision removes and those it keeps. Computed off the FX thread.
 *
 * @param cutoff  score separating removed (below) from kept units, or NaN when nothing is removed or the
 *                granularity has no single cut-off (N:M keeps the largest of every group)
 * @param message why there is no histogram, or null
 */
public record ScoreHistogram(String layer, String title, double[] scores, double cutoff, int removed,
                             String message) {

    static ScoreHistogram empty(String message) {
        return new ScoreHistogram(null, "Scores", new double[0], Double.NaN, 0, message);
    }

    static ScoreHistogram compute(Workspace w, PruningPlan plan, PruneDecision decision, String layerName) {
        PrunableLayer layer = w.engine().layer(layerName).orElse(null);
        if (layer == null) {
            return empty("Select a prunable layer to see its scores");
        }
        LayerSetting s = plan.settingFor(layerName);
        Granularity g = s.granularity();
        Criterion c = s.criterion();
        if (g == Granularity.LAYER) {
            return empty(layerName + ": block pruning is decided on the graph, not by unit scores");
        }
        if (g == Granularity.N_M) {
            g = Granularity.WEIGHT;
            c = Criterion.L1;
        }
        int rank = layer.weight().dims().length;
        if (rank == 2 && g == Granularity.FILTER) {
            g = Granularity.NEURON;
        }
        Support support = CriteriaSupport.supports(c, g);
        if (!support.supported()) {
            return empty(c.label() + " on " + g.label() + ": " + support.reason());
        }
        float[] raw;
        try {
            raw = w.engine().layerScores(layerName, g, c, plan.seed());
        } catch (RuntimeException e) {
            return empty(layerName + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        double[] scores = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            scores[i] = raw[i];
        }
        int removed = removedUnits(layer, s, g, decision, scores.length);
        double cutoff = Double.NaN;
        if (removed > 0 && removed < scores.length && s.granularity() != Granularity.N_M) {
            double[] sorted = scores.clone();
            Arrays.sort(sorted);
            cutoff = (sorted[removed - 1] + sorted[removed]) / 2;
        }
        String title = layerName + " · " + c.label() + " per " + unitName(g) + " (" + scores.length + ")";
        return new ScoreHistogram(layerName, title, scores, cutoff, removed, null);
    }

    private static int removedUnits(PrunableLayer layer, LayerSetting s, Granularity g, PruneDecision decision,
                                    int units) {
        if (decision == null || !s.isActive()) {
            return 0;
        }
        return switch (g) {
            case FILTER, NEURON -> decision.removedCount(layer.node().output(0));
            case CHANNEL -> decision.removedCount(layer.node().input(0));
            default -> (int) Math.min(units, Math.floor(s.ratio() * units + 1e-9));
        };
    }

    private static String unitName(Granularity g) {
        return switch (g) {
            case WEIGHT -> "weight";
            case VECTOR -> "kernel row";
            case KERNEL -> "kernel";
            case FILTER -> "filter";
            case CHANNEL -> "input channel";
            case SHAPE -> "im2col column";
            case STRIPE -> "stripe";
            case NEURON -> "neuron";
            default -> "unit";
        };
    }
}
