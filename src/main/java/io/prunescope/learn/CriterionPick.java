package io.prunescope.learn;

import io.prunescope.prune.criteria.Criterion;

/**
 * What one criterion says about a layer's filters: its scores and the filters it removes at the comparison's
 * ratio, or why it cannot say anything here (BN folded away, no calibration data).
 *
 * @param criterion   the criterion
 * @param scores      one per filter / neuron, lower = pruned first; null when unavailable
 * @param removed     removed filter indices, ascending; empty when unavailable
 * @param unavailable the reason, or null when available
 */
public record CriterionPick(Criterion criterion, float[] scores, int[] removed, String unavailable) {

    public boolean available() {
        return unavailable == null;
    }
}
