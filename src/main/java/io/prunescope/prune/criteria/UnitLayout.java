package io.prunescope.prune.criteria;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Which elements of a weight each pruning unit covers.
 *
 * <p>Every granularity of DESIGN §3 has the same shape of answer: a unit is {@code segmentCount}
 * runs of {@code segmentLength} consecutive elements, the runs {@code segmentStride} apart, the first
 * starting at {@link #start(int)}. So nothing is materialised: a unit's elements are two nested
 * loops, and the layout is a handful of ints. With O, C, K = kh·kw and R = C·K:
 * <pre>
 *   granularity   units     start(u)                    segments × length, stride
 *   WEIGHT, N_M   O·R       u                           1 × 1
 *   VECTOR        O·C·kh    u·kw                        1 × kw
 *   KERNEL        O·C       u·K                         1 × K
 *   FILTER/NEURON O         u·R                         1 × R
 *   CHANNEL       C         u·K                         O × K, stride R
 *   SHAPE         C·K       u                           O × 1, stride R
 *   STRIPE        O·K       (u / K)·R + u % K           C × 1, stride K
 * </pre>
 * Unit numbering follows the row-major order of the unit's own indices ((o,c,i) for VECTOR, (c,i,j)
 * for SHAPE, (o,i,j) for STRIPE), so unit ids are stable and easy to show in a heatmap.
 */
public final class UnitLayout {

    private final Granularity granularity;
    private final int size;
    private final int units;
    private final int segmentCount;
    private final int segmentLength;
    private final int segmentStride;
    // start(u) = (u / startDivisor) * outerStride + (u % startDivisor) * innerStride
    private final int startDivisor;
    private final int outerStride;
    private final int innerStride;

    private UnitLayout(Granularity granularity, int size, int units, int segmentCount, int segmentLength,
                       int segmentStride, int startDivisor, int outerStride, int innerStride) {
        this.granularity = granularity;
        this.size = size;
        this.units = units;
        this.segmentCount = segmentCount;
        this.segmentLength = segmentLength;
        this.segmentStride = segmentStride;
        this.startDivisor = startDivisor;
        this.outerStride = outerStride;
        this.innerStride = innerStride;
    }

    public static UnitLayout of(WeightView w, Granularity g) {
        if (!g.appliesToRank(w.rank())) {
            throw new IllegalArgumentException(g.label() + " does not apply to a rank-" + w.rank() + " weight "
                    + Arrays.toString(w.shape()));
        }
        int o = w.outChannels();
        int c = w.inChannels();
        int kh = w.kernelHeight();
        int kw = w.kernelWidth();
        int k = kh * kw;
        int r = c * k;
        int size = w.size();
        return switch (g) {
            case WEIGHT, N_M -> new UnitLayout(g, size, size, 1, 1, 0, 1, 1, 0);
            case VECTOR -> new UnitLayout(g, size, o * c * kh, 1, kw, 0, 1, kw, 0);
            case KERNEL -> new UnitLayout(g, size, o * c, 1, k, 0, 1, k, 0);
            case FILTER, NEURON -> new UnitLayout(g, size, o, 1, r, 0, 1, r, 0);
            case CHANNEL -> new UnitLayout(g, size, c, o, k, r, c, 0, k);
            case SHAPE -> new UnitLayout(g, size, r, o, 1, r, r, 0, 1);
            case STRIPE -> new UnitLayout(g, size, o * k, c, 1, k, k, r, 1);
            case LAYER -> throw new IllegalArgumentException("LAYER units are residual blocks, not parts of one weight");
        };
    }

    public Granularity granularity() {
        return granularity;
    }

    /** Number of elements of the weight. */
    public int size() {
        return size;
    }

    /** Number of pruning units. */
    public int units() {
        return units;
    }

    /** Elements per unit (the same for every unit). */
    public int unitSize() {
        return segmentCount * segmentLength;
    }

    public int segmentCount() {
        return segmentCount;
    }

    public int segmentLength() {
        return segmentLength;
    }

    public int segmentStride() {
        return segmentStride;
    }

    /** Flat index of the first element of unit {@code u}. */
    public int start(int u) {
        return (u / startDivisor) * outerStride + (u % startDivisor) * innerStride;
    }

    /** Calls {@code action} with each flat element index of unit {@code u}, in the unit's flattening order. */
    public void forEachElement(int u, IntConsumer action) {
        int base = start(u);
        for (int s = 0; s < segmentCount; s++) {
            int from = base + s * segmentStride;
            for (int t = 0; t < segmentLength; t++) {
                action.accept(from + t);
            }
        }
    }

    /** The flat element indices of unit {@code u} (materialised; prefer {@link #forEachElement}). */
    public int[] elementIndices(int u) {
        int[] out = new int[unitSize()];
        int base = start(u);
        int n = 0;
        for (int s = 0; s < segmentCount; s++) {
            int from = base + s * segmentStride;
            for (int t = 0; t < segmentLength; t++) {
                out[n++] = from + t;
            }
        }
        return out;
    }

    /** Copies unit {@code u} of {@code data}, flattened, into {@code dst} at {@code dstOffset}. */
    public void gather(int u, float[] data, float[] dst, int dstOffset) {
        int base = start(u);
        if (segmentLength == 1) {
            for (int s = 0; s < segmentCount; s++) {
                dst[dstOffset + s] = data[base + s * segmentStride];
            }
            return;
        }
        for (int s = 0; s < segmentCount; s++) {
            System.arraycopy(data, base + s * segmentStride, dst, dstOffset + s * segmentLength, segmentLength);
        }
    }

    /** Element mask in which every element of a pruned unit is pruned and everything else kept. */
    public ElementMask elementMask(UnitMask unitMask) {
        if (unitMask.size() != units) {
            throw new IllegalArgumentException("unit mask has " + unitMask.size() + " units, layout has " + units);
        }
        boolean[] kept = new boolean[size];
        Arrays.fill(kept, true);
        for (int u = 0; u < units; u++) {
            if (!unitMask.isKept(u)) {
                int base = start(u);
                for (int s = 0; s < segmentCount; s++) {
                    int from = base + s * segmentStride;
                    Arrays.fill(kept, from, from + segmentLength, false);
                }
            }
        }
        return ElementMask.wrap(kept);
    }

    @Override
    public String toString() {
        return "UnitLayout[" + granularity + ", units=" + units + ", unitSize=" + unitSize() + "]";
    }
}
