package io.prunescope.prune;

import java.util.List;

/** Costs of the whole model before and after a plan (DESIGN §7 conventions; FLOPs = 2 × MACs). */
public record Preview(List<NodePreview> nodes, long paramsBefore, long paramsAfter, long nonzeroParamsAfter,
                      long macsBefore, long macsAfter) {

    public long flopsBefore() {
        return 2 * macsBefore;
    }

    public long flopsAfter() {
        return 2 * macsAfter;
    }

    /** Fraction of parameters physically removed. */
    public double paramReduction() {
        return paramsBefore == 0 ? 0 : 1.0 - (double) paramsAfter / paramsBefore;
    }

    public double macReduction() {
        return macsBefore == 0 ? 0 : 1.0 - (double) macsAfter / macsBefore;
    }

    /** Fraction of the original parameters that are gone or zero. */
    public double sparsity() {
        return paramsBefore == 0 ? 0 : 1.0 - (double) nonzeroParamsAfter / paramsBefore;
    }
}
