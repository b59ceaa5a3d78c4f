package io.prunescope.prune.criteria;

/**
 * The criterion cannot be computed for this layer, for a reason the user should see
 * (for example BN scale on a model whose BatchNormalization was folded into the conv).
 */
public class CriterionUnavailableException extends RuntimeException {

    private final Criterion criterion;
    private final String reason;

    public CriterionUnavailableException(Criterion criterion, String reason) {
        super(criterion.label() + " unavailable: " + reason);
        this.criterion = criterion;
        this.reason = reason;
    }

    public Criterion criterion() {
        return criterion;
    }

    /** The reason without the criterion prefix. */
    public String reason() {
        return reason;
    }
}
