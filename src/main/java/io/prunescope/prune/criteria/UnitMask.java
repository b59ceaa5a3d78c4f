package io.prunescope.prune.criteria;

import java.util.Arrays;
import java.util.stream.IntStream;

/** Which units of one layer are kept; the complement is pruned. Immutable. */
public final class UnitMask extends KeepMask {

    private UnitMask(boolean[] kept) {
        super(kept);
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

    /** Ascending indices of pruned units (what a plan records). */
    public int[] prunedUnits() {
        return IntStream.range(0, kept.length).filter(u -> !kept[u]).toArray();
    }

    /** Ascending indices of kept units. */
    public int[] keptUnits() {
        return IntStream.range(0, kept.length).filter(u -> kept[u]).toArray();
    }

    @Override
    public String toString() {
        return "UnitMask[kept " + keptCount() + "/" + kept.length + "]";
    }
}
