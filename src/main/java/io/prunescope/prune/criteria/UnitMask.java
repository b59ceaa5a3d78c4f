package io.prunescope.prune.criteria;

import java.util.Arrays;
import java.util.stream.IntStream;

/** Which units of one layer are kept; the complement is pruned. Immutable. */
public final class UnitMask {

    private final boolean[] kept;
    private final int keptCount;

    private UnitMask(boolean[] kept) {
        this.kept = kept;
        int count = 0;
        for (boolean k : kept) {
            if (k) {
                count++;
            }
        }
        this.keptCount = count;
    }

    /** A mask over the given array, which is copied. */
    public static UnitMask of(boolean[] kept) {
        return new UnitMask(kept.clone());
    }

    static UnitMask wrap(boolean[] kept) {
        return new UnitMask(kept);
    }

    public static UnitMask keepAll(int units) {
        boolean[] kept = new boolean[units];
        Arrays.fill(kept, true);
        return new UnitMask(kept);
    }

    public int size() {
        return kept.length;
    }

    public boolean isKept(int unit) {
        return kept[unit];
    }

    public int keptCount() {
        return keptCount;
    }

    public int prunedCount() {
        return kept.length - keptCount;
    }

    /** Ascending indices of pruned units (what a plan records). */
    public int[] prunedUnits() {
        return IntStream.range(0, kept.length).filter(u -> !kept[u]).toArray();
    }

    /** Ascending indices of kept units. */
    public int[] keptUnits() {
        return IntStream.range(0, kept.length).filter(u -> kept[u]).toArray();
    }

    public boolean[] toArray() {
        return kept.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnitMask m && Arrays.equals(kept, m.kept);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(kept);
    }

    @Override
    public String toString() {
        return "UnitMask[kept " + keptCount + "/" + kept.length + "]";
    }
}
