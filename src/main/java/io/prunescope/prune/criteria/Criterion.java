package io.prunescope.prune.criteria;

/**
 * What decides which units go (DESIGN §4). Every criterion gives one score per unit; lower scores
 * are pruned first.
 *
 * <p>A criterion either reads the weights, or takes per-unit numbers the caller measured elsewhere
 * ({@link Source#EXTERNAL}: BN γ today; mean activation and APoZ later), or draws seeded random
 * numbers. Adding an activation criterion is one constant here with {@code Source.EXTERNAL}, a
 * {@link #fromExternal} that turns the measurement into "lower = prune first" (APoZ: {@code 1 − apoz}),
 * and its rows in {@link CriteriaSupport}; the scorer needs no change.
 */
public enum Criterion {
    /** Σ|w| over the unit. */
    L1("L1 norm", Source.WEIGHTS),
    /** sqrt(Σ w²) over the unit. */
    L2("L2 norm", Source.WEIGHTS),
    /** He et al. CVPR 2019: g(k) = Σ_j ||F_k − F_j||₂ within the comparison group. */
    FPGM("FPGM (distance sum)", Source.WEIGHTS),
    /** ||F_k − x*||₂ with x* the true geometric median of the comparison group (Weiszfeld). */
    GEOMETRIC_MEDIAN("Distance to geometric median", Source.WEIGHTS),
    /** Network Slimming: |γ| of the BatchNormalization after the layer, supplied by the caller. */
    BN_SCALE("BN scale |γ|", Source.EXTERNAL) {
        @Override
        public float fromExternal(float gamma) {
            return Math.abs(gamma);
        }
    },
    /**
     * Mean |activation| of the output channel over calibration inputs (after the activation that follows the
     * layer, when there is one), measured by {@code io.prunescope.measure.ActivationCriteria}. Small = prune first.
     */
    MEAN_ACTIVATION("Mean |activation|", Source.EXTERNAL),
    /**
     * APoZ (Hu et al. 2016): the fraction of zeros of the output channel after its ReLU over calibration inputs.
     * The caller supplies the raw APoZ; a channel that is mostly zero is pruned first, so the score is
     * {@code 1 − apoz}.
     */
    APOZ("APoZ (zeros after ReLU)", Source.EXTERNAL) {
        @Override
        public float fromExternal(float apoz) {
            return 1f - apoz;
        }
    },
    /** Seeded uniform random scores: the baseline every criterion should beat. */
    RANDOM("Random (seeded)", Source.RANDOM);

    /** Where a criterion's numbers come from. */
    public enum Source {
        /** Computed from the weight values alone. */
        WEIGHTS,
        /** Per-unit values supplied by the caller through {@link ScoreOptions#externalScores()}. */
        EXTERNAL,
        /** Drawn from {@link java.util.SplittableRandom} with {@link ScoreOptions#seed()}. */
        RANDOM
    }

    private final String label;
    private final Source source;

    Criterion(String label, Source source) {
        this.label = label;
        this.source = source;
    }

    public String label() {
        return label;
    }

    public Source source() {
        return source;
    }

    /** Turns one externally measured per-unit value into a score (lower = prune first). */
    public float fromExternal(float raw) {
        return raw;
    }
}
