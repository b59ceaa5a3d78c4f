package io.prunescope.prune.criteria;

import java.util.Arrays;

/**
 * What {@link UnitMask} and {@link ElementMask} share: an immutable keep flag per index (true = kept, false =
 * pruned) and the kept count. Two masks are equal when they are of the same kind and keep the same indices.
 */
abstract sealed class KeepMask permits ElementMask, UnitMask {

    /** Never changed after construction; subclasses read it directly. */
    final boolean[] kept;
    private final int keptCount;

    /** Takes {@code kept} as it is (no copy). */
    KeepMask(boolean[] kept) {
        this.kept = kept;
        int count = 0;
        for (boolean k : kept) {
            if (k) {
                count++;
            }
        }
        this.keptCount = count;
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

    public boolean[] toArray() {
        return kept.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && Arrays.equals(kept, ((KeepMask) o).kept);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(kept);
    }
}
