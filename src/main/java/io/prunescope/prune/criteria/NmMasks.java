package io.prunescope.prune.criteria;

/**
 * N:M masks: in every group of M consecutive weights along the reduction dimension, keep the N largest |w|.
 *
 * <p>The reduction dimension is each filter's flattened {@code C·kh·kw} in storage order (for FC, the
 * {@code in} of each row); groups never straddle two rows. Within a group the len − keep smallest |w| are
 * pruned, ties pruning the lower index first (the same rule as {@link UnitSelection}). A trailing partial
 * group of len &lt; M weights keeps ceil(N·len/M): the same density as the full groups, and never more
 * than N, so padding the row with zeros to a multiple of M still yields a valid N:M pattern.
 *
 * <p>Note: NVIDIA's ASP groups conv weights along C with kh, kw outermost (channels-last); this groups
 * them in the ONNX storage order, which is what the brief and DESIGN §3 specify.
 */
public final class NmMasks {

    private NmMasks() {
    }

    /** The 2:4 pattern of Ampere sparse tensor cores. */
    public static ElementMask twoFour(WeightView w) {
        return nmMask(w, 2, 4);
    }

    public static ElementMask nmMask(WeightView w, int n, int m) {
        if (m < 1 || n < 1 || n > m) {
            throw new IllegalArgumentException("N:M needs 1 <= N <= M, got " + n + ":" + m);
        }
        float[] data = w.data();
        int rowLength = w.rowLength();
        boolean[] kept = new boolean[data.length];
        int[] members = new int[m];
        for (int rowStart = 0; rowStart < data.length; rowStart += rowLength) {
            int rowEnd = rowStart + rowLength;
            for (int g0 = rowStart; g0 < rowEnd; g0 += m) {
                int len = Math.min(m, rowEnd - g0);
                keepLargest(data, g0, len, keptInGroup(n, m, len), members, kept);
            }
        }
        return ElementMask.wrap(kept);
    }

    /** How many weights a group of {@code len} keeps: N for a full group, ceil(N·len/M) for a partial one. */
    public static int keptInGroup(int n, int m, int len) {
        return len == m ? n : (n * len + m - 1) / m;
    }

    /** Marks the {@code keep} largest |w| of data[g0, g0+len) kept (insertion sort: len is small). */
    private static void keepLargest(float[] data, int g0, int len, int keep, int[] members, boolean[] kept) {
        for (int t = 0; t < len; t++) {
            int idx = g0 + t;
            int p = t;
            // order: ascending |w|, ties by ascending index (lower index is pruned first)
            while (p > 0 && Math.abs(data[members[p - 1]]) > Math.abs(data[idx])) {
                members[p] = members[p - 1];
                p--;
            }
            members[p] = idx;
        }
        for (int r = len - keep; r < len; r++) {
            kept[members[r]] = true;
        }
    }
}
