package io.prunescope.prune.criteria;

/**
 * Which criterion × granularity combinations make sense, and why. The table is documented in
 * {@code src/docs/criteria.md}; the UI greys out the "no" cells and shows the reason.
 */
public final class CriteriaSupport {

    private CriteriaSupport() {
    }

    public static Support supports(Criterion criterion, Granularity granularity) {
        if (granularity == Granularity.LAYER) {
            return Support.no("layer/block pruning removes residual branches; it is decided on the graph, "
                    + "not scored on one weight");
        }
        return switch (criterion) {
            case L1, L2 -> normSupport(criterion, granularity);
            case RANDOM -> Support.yes("seeded random scores work for any unit");
            case FPGM, GEOMETRIC_MEDIAN -> distanceSupport(granularity);
            case BN_SCALE -> bnSupport(granularity);
            case MEAN_ACTIVATION, APOZ -> activationSupport(criterion, granularity);
        };
    }

    /** Convenience for callers that only need the verdict. */
    public static boolean isSupported(Criterion criterion, Granularity granularity) {
        return supports(criterion, granularity).supported();
    }

    private static Support normSupport(Criterion criterion, Granularity granularity) {
        if (granularity == Granularity.WEIGHT || granularity == Granularity.N_M) {
            return Support.yes("for a single weight " + criterion + " is |w| (magnitude pruning)");
        }
        return Support.yes(criterion + " norm of the unit's weights");
    }

    private static Support distanceSupport(Granularity granularity) {
        return switch (granularity) {
            case FILTER, NEURON -> Support.yes("all filters / neurons of the layer form one comparison group, "
                    + "as in the FPGM paper");
            case CHANNEL -> Support.yes("all input channels W[:,c,:,:] (flattened) form one comparison group");
            case SHAPE -> Support.yes("all im2col columns W[:,c,i,j] form one comparison group, as for channels");
            case KERNEL -> Support.yes("kernels W[:,c,:,:] reading the same input channel c are compared, "
                    + "like filters reading the same input");
            case VECTOR -> Support.yes("kernel rows W[:,c,i,:] at the same input channel and row are compared");
            case STRIPE -> Support.yes("stripes W[:,:,i,j] at the same kernel position are compared");
            case WEIGHT, N_M -> Support.no("a distance between single numbers ranks weights by closeness to "
                    + "the median value, not by importance; use magnitude (L1) instead");
            case LAYER -> Support.no("layer pruning is not scored on one weight");
        };
    }

    private static Support activationSupport(Criterion criterion, Granularity granularity) {
        if (granularity == Granularity.FILTER || granularity == Granularity.NEURON) {
            return Support.yes(criterion.label() + " is measured per output channel on calibration inputs");
        }
        return Support.no("activations are measured per output channel; they say nothing about "
                + granularity.label() + " units");
    }

    private static Support bnSupport(Granularity granularity) {
        if (granularity == Granularity.FILTER || granularity == Granularity.NEURON) {
            return Support.yes("|γ| of the BatchNormalization scales one output channel");
        }
        return Support.no("γ scales a whole output channel; it says nothing about " + granularity.label()
                + " units");
    }
}
