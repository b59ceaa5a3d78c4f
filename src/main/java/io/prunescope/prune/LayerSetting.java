package io.prunescope.prune;

import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;

/**
 * How one layer is pruned.
 *
 * @param ratio     fraction of the layer's units to remove, in [0, 1)
 * @param protect   the layer keeps all its filters (its output channels); its input channels may still shrink
 *                  when the layer before it is pruned — the convention of DepGraph's ignored layers
 * @param n         for N:M, weights kept in every group
 * @param m         for N:M, group length along the reduction dimension
 */
public record LayerSetting(Granularity granularity, Criterion criterion, double ratio, boolean protect, int n, int m) {

    public static final LayerSetting DEFAULT = new LayerSetting(Granularity.FILTER, Criterion.L1, 0.0, false, 2, 4);

    public LayerSetting withRatio(double newRatio) {
        return new LayerSetting(granularity, criterion, newRatio, protect, n, m);
    }

    public LayerSetting withGranularity(Granularity g) {
        return new LayerSetting(g, criterion, ratio, protect, n, m);
    }

    public LayerSetting withCriterion(Criterion c) {
        return new LayerSetting(granularity, c, ratio, protect, n, m);
    }

    public LayerSetting withProtect(boolean p) {
        return new LayerSetting(granularity, criterion, ratio, p, n, m);
    }

    public LayerSetting withNm(int newN, int newM) {
        return new LayerSetting(granularity, criterion, ratio, protect, newN, newM);
    }

    /** True when this setting removes or zeroes anything. */
    public boolean isActive() {
        return !protect && (granularity == Granularity.N_M || ratio > 0);
    }
}
