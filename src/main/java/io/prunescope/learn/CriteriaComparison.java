package io.prunescope.learn;

import io.prunescope.prune.PruneEngine;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.CriterionUnavailableException;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.prune.criteria.UnitSelection;

import java.util.ArrayList;
import java.util.List;

/**
 * Every criterion on the same layer's filters at the same ratio, side by side, and how much their removed sets
 * overlap. Scores come from {@link PruneEngine#layerScores} (so BN γ and measured activations are the engine's own),
 * the picks from {@link UnitSelection#select}: the per-layer rule of the papers, before any coupling aggregates
 * scores over a channel group.
 *
 * @param picks   one per criterion of {@link #CRITERIA}, in that order
 * @param jaccard |A ∩ B| / |A ∪ B| of the removed sets of picks i and j (1 when both are empty); NaN when either
 *                criterion is unavailable
 */
public record CriteriaComparison(List<CriterionPick> picks, double[][] jaccard) {

    /** The criteria compared, in display order. */
    public static final List<Criterion> CRITERIA = List.of(Criterion.L1, Criterion.L2, Criterion.FPGM,
            Criterion.GEOMETRIC_MEDIAN, Criterion.BN_SCALE, Criterion.MEAN_ACTIVATION, Criterion.APOZ,
            Criterion.RANDOM);

    public static CriteriaComparison compute(PruneEngine engine, String layer, double ratio, long seed) {
        List<CriterionPick> picks = new ArrayList<>();
        for (Criterion c : CRITERIA) {
            picks.add(pick(engine, layer, c, ratio, seed));
        }
        return new CriteriaComparison(List.copyOf(picks), jaccardMatrix(picks));
    }

    /** The pick of one criterion; null when it is not in {@link #CRITERIA}. */
    public CriterionPick pick(Criterion c) {
        int i = CRITERIA.indexOf(c);
        return i < 0 ? null : picks.get(i);
    }

    private static CriterionPick pick(PruneEngine engine, String layer, Criterion c, double ratio, long seed) {
        try {
            float[] scores = engine.layerScores(layer, Granularity.FILTER, c, seed);
            return new CriterionPick(c, scores, UnitSelection.select(scores, ratio).prunedUnits(), null);
        } catch (CriterionUnavailableException | IllegalArgumentException e) {
            return new CriterionPick(c, null, new int[0], e.getMessage());
        }
    }

    static double[][] jaccardMatrix(List<CriterionPick> picks) {
        int n = picks.size();
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                CriterionPick a = picks.get(i);
                CriterionPick b = picks.get(j);
                m[i][j] = a.available() && b.available() ? jaccard(a.removed(), b.removed()) : Double.NaN;
            }
        }
        return m;
    }

    /** Jaccard index of two ascending index sets; two empty sets are identical (1). */
    public static double jaccard(int[] a, int[] b) {
        int common = 0;
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                common++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        int union = a.length + b.length - common;
        return union == 0 ? 1.0 : (double) common / union;
    }
}
