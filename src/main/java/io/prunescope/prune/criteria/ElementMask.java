package io.prunescope.prune.criteria;

/** Per-element keep mask over a weight's flat data (true = kept, false = zeroed/removed). Immutable. */
public final class ElementMask extends KeepMask {

    private ElementMask(boolean[] kept) {
        super(kept);
    }

    public static ElementMask of(boolean[] kept) {
        return new ElementMask(kept.clone());
    }

    static ElementMask wrap(boolean[] kept) {
        return new ElementMask(kept);
    }

    /** Fraction of elements pruned, in [0, 1]; 0 for an empty mask. */
    public double sparsity() {
        return kept.length == 0 ? 0.0 : (double) prunedCount() / kept.length;
    }

    /** A copy of {@code data} with the pruned elements set to zero. */
    public float[] apply(float[] data) {
        if (data.length != kept.length) {
            throw new IllegalArgumentException("data has " + data.length + " elements, mask " + kept.length);
        }
        float[] out = data.clone();
        for (int i = 0; i < out.length; i++) {
            if (!kept[i]) {
                out[i] = 0f;
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "ElementMask[kept " + keptCount() + "/" + kept.length + ", sparsity " + sparsity() + "]";
    }
}
