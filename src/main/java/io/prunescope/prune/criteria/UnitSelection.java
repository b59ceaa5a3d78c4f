package io.prunescope.prune.criteria;

import java.util.Arrays;

/**
 * Turns scores into a unit mask: the lowest scores are pruned.
 *
 * <p>Rules (deterministic, documented in criteria.md):
 * <ol>
 *   <li>pruned = floor(ratio · n) (with a 1e-9 guard so 0.3 · 10 prunes 3): never more than asked;</li>
 *   <li>kept = n − pruned, at least 1: a layer is never emptied here (removing whole layers is LAYER);</li>
 *   <li>with roundTo &gt; 1, kept is rounded <em>up</em> to a multiple of roundTo (hardware-friendly widths),
 *       capped at n. Up, so rounding never prunes more than the ratio asks; when n &lt; roundTo nothing can
 *       reach a multiple, and kept stays as in rule 2;</li>
 *   <li>order: ascending score, ties broken by lower unit index first (pruned first). -0.0 equals 0.0;
 *       NaN scores are rejected.</li>
 * </ol>
 */
public final class UnitSelection {

    private UnitSelection() {
    }

    public static UnitMask select(float[] scores, double ratio) {
        return select(scores, ratio, 1);
    }

    public static UnitMask select(float[] scores, double ratio, int roundTo) {
        int n = scores.length;
        int kept = keptCount(n, ratio, roundTo);
        boolean[] keep = new boolean[n];
        Arrays.fill(keep, true);
        long[] order = sortedByScoreThenIndex(scores);
        for (int r = 0; r < n - kept; r++) {
            keep[(int) order[r]] = false;
        }
        return UnitMask.wrap(keep);
    }

    /** How many of n units {@link #select} keeps for this ratio and rounding. */
    public static int keptCount(int n, double ratio, int roundTo) {
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException("ratio must be in [0, 1], got " + ratio);
        }
        if (roundTo < 1) {
            throw new IllegalArgumentException("roundTo must be >= 1, got " + roundTo);
        }
        if (n == 0) {
            return 0;
        }
        int pruned = (int) Math.floor(ratio * n + 1e-9);
        int kept = Math.max(1, n - pruned);
        if (roundTo > 1 && n >= roundTo) {
            int rounded = (kept + roundTo - 1) / roundTo * roundTo;
            kept = Math.min(n, rounded);
        }
        return kept;
    }

    /**
     * Unit indices in pruning order, in the low 32 bits of longs sorted by (score, index): the high 32 bits
     * hold the score's bits mapped to an int whose signed order is the float order.
     */
    private static long[] sortedByScoreThenIndex(float[] scores) {
        long[] keys = new long[scores.length];
        for (int u = 0; u < scores.length; u++) {
            float s = scores[u];
            if (Float.isNaN(s)) {
                throw new IllegalArgumentException("score of unit " + u + " is NaN");
            }
            int bits = Float.floatToIntBits(s == 0f ? 0f : s);
            int ordered = bits ^ ((bits >> 31) & 0x7fffffff);
            keys[u] = ((long) ordered << 32) | u;
        }
        Arrays.sort(keys);
        for (int r = 0; r < keys.length; r++) {
            keys[r] &= 0xffffffffL;
        }
        return keys;
    }
}
