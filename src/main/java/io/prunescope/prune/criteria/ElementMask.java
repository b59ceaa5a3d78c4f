package io.prunescope.prune.criteria;

import java.util.Arrays;

/** Per-element keep mask over a weight's flat data (true = kept, false = zeroed/removed). Immutable. */
public final class ElementMask {

    private final boolean[] kept;
    private final int keptCount;

    private ElementMask(boolean[] kept) {
        this.kept = kept;
        int count = 0;
        for (boolean k : kept) {
            if (k) {
                count++;
            }
        }
        this.keptCount = count;
    }

    public static ElementMask of(boolean[] kept) {
        return new ElementMask(kept.clone());
    }

    static ElementMask wrap(boolean[] kept) {
        return new ElementMask(kept);
    }

    public int size() {
        return kept.length;
    }

    public boolean isKept(int index) {
        return kept[index];
    }

    public int keptCount() {
        return keptCount;
    }

    public int prunedCount() {
        return kept.length - keptCount;
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

    public boolean[] toArray() {
        return kept.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ElementMask m && Arrays.equals(kept, m.kept);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(kept);
    }

    @Override
    public String toString() {
        return "ElementMask[kept " + keptCount + "/" + kept.length + ", sparsity " + sparsity() + "]";
    }
}
