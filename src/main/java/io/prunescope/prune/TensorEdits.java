package io.prunescope.prune;

import io.prunescope.model.Tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.BitSet;
import java.util.Map;

/**
 * Byte-level slicing and zeroing of constant tensors. Working on the stored bytes keeps every kept value bit for
 * bit, whatever the element type (float32, float16, bfloat16, double).
 */
final class TensorEdits {

    private TensorEdits() {
    }

    /** Removes the given indices along each axis (axis → removed indices). */
    static Tensor remove(Tensor t, Map<Integer, BitSet> removedByAxis) {
        java.util.TreeMap<Integer, BitSet> axes = new java.util.TreeMap<>();
        removedByAxis.forEach((axis, removed) -> {
            if (!removed.isEmpty()) {
                axes.put(axis, removed);
            }
        });
        if (axes.size() == 2) {
            // a conv pruned on its filters and its input channels: one pass, not two (issue 13)
            return removeAlongTwo(t, axes.firstKey(), axes.firstEntry().getValue(), axes.lastKey(),
                    axes.lastEntry().getValue());
        }
        Tensor current = t;
        for (Map.Entry<Integer, BitSet> e : removedByAxis.entrySet()) {
            if (!e.getValue().isEmpty()) {
                current = removeAlong(current, e.getKey(), e.getValue());
            }
        }
        return current;
    }

    static Tensor removeAlong(Tensor t, int axis, BitSet removed) {
        long[] dims = t.dims();
        AxisView v = AxisView.of(t, axis);
        int outer = v.outer();
        int len = v.len();
        int inner = v.inner();
        int[] runs = keptRuns(removed, len);
        int kept = 0;
        for (int r = 0; r < runs.length; r += 2) {
            kept += runs[r + 1] - runs[r];
        }
        ByteBuffer src = t.payload();
        byte[] dst = new byte[outer * kept * inner];
        // One bulk copy per run of kept indices, not one per index: pruning a 1×1 conv's input channels moves
        // 4 bytes per index, and per-index buffer calls made export 10× slower than onnx.save (issue 13).
        int at = 0;
        // absolute reads count from the buffer's index 0, not its position: a tensor that is a view into a larger
        // array (a model's file bytes) starts at its position
        int base = src.position();
        for (int o = 0; o < outer; o++) {
            int row = o * len;
            for (int r = 0; r < runs.length; r += 2) {
                int n = (runs[r + 1] - runs[r]) * inner;
                src.get(base + (row + runs[r]) * inner, dst, at, n);
                at += n;
            }
        }
        long[] newDims = dims.clone();
        newDims[axis] = kept;
        return new Tensor(t.name(), t.type(), newDims, ByteBuffer.wrap(dst));
    }

    /**
     * Removes indices along two axes {@code a < b} in one pass. Done one axis after the other, the first pass copies
     * most of the tensor into an intermediate array (which Java zeroes first) that the second pass copies again; here
     * each kept byte is copied once. The tensor is seen as {@code [outer, lenA, mid, lenB, inner]}: for every kept
     * index of {@code a}, every {@code mid} slice copies the runs of kept indices of {@code b}, {@code inner} bytes
     * each.
     */
    static Tensor removeAlongTwo(Tensor t, int a, BitSet removedA, int b, BitSet removedB) {
        long[] dims = t.dims();
        AxisView va = AxisView.of(t, a);
        AxisView vb = AxisView.of(t, b);
        int lenA = va.len();
        int lenB = vb.len();
        int inner = vb.inner();
        int mid = va.inner() / (lenB * inner); // the bytes between the two axes, in units of one b-slice
        int[] keptA = keptIndices(keptRuns(removedA, lenA));
        int[] runsB = keptRuns(removedB, lenB);
        int keptB = 0;
        for (int r = 0; r < runsB.length; r += 2) {
            keptB += runsB[r + 1] - runsB[r];
        }
        ByteBuffer src = t.payload();
        int base = src.position(); // absolute reads: a view into a larger array starts at its position
        byte[] dst = new byte[va.outer() * keptA.length * mid * keptB * inner];
        int at = 0;
        for (int o = 0; o < va.outer(); o++) {
            for (int i : keptA) {
                for (int m = 0; m < mid; m++) {
                    int slice = base + ((o * lenA + i) * mid + m) * lenB * inner;
                    for (int r = 0; r < runsB.length; r += 2) {
                        int n = (runsB[r + 1] - runsB[r]) * inner;
                        src.get(slice + runsB[r] * inner, dst, at, n);
                        at += n;
                    }
                }
            }
        }
        long[] newDims = dims.clone();
        newDims[a] = keptA.length;
        newDims[b] = keptB;
        return new Tensor(t.name(), t.type(), newDims, ByteBuffer.wrap(dst));
    }

    /** The kept indices themselves, from their runs. */
    private static int[] keptIndices(int[] runs) {
        int count = 0;
        for (int r = 0; r < runs.length; r += 2) {
            count += runs[r + 1] - runs[r];
        }
        int[] out = new int[count];
        int n = 0;
        for (int r = 0; r < runs.length; r += 2) {
            for (int i = runs[r]; i < runs[r + 1]; i++) {
                out[n++] = i;
            }
        }
        return out;
    }

    /** The kept indices of {@code [0, len)} as runs {@code [start, end)}, flattened: start0, end0, start1, … */
    private static int[] keptRuns(BitSet removed, int len) {
        int[] runs = new int[2 * (removed.get(0, len).cardinality() + 1)];
        int count = 0;
        int i = removed.nextClearBit(0);
        while (i < len) {
            int end = Math.min(len, removed.nextSetBit(i) < 0 ? len : removed.nextSetBit(i));
            runs[count++] = i;
            runs[count++] = end;
            i = removed.nextClearBit(end);
        }
        return java.util.Arrays.copyOf(runs, count);
    }

    /** Sets the given indices along an axis to zero (all-zero bytes are +0.0 in every float format). */
    static Tensor zeroAlong(Tensor t, int axis, BitSet zeroed) {
        if (zeroed.isEmpty()) {
            return t;
        }
        long[] dims = t.dims();
        AxisView v = AxisView.of(t, axis);
        int outer = v.outer();
        int len = v.len();
        int inner = v.inner();
        byte[] bytes = bytes(t);
        for (int o = 0; o < outer; o++) {
            for (int i = zeroed.nextSetBit(0); i >= 0 && i < len; i = zeroed.nextSetBit(i + 1)) {
                java.util.Arrays.fill(bytes, (o * len + i) * inner, (o * len + i + 1) * inner, (byte) 0);
            }
        }
        return new Tensor(t.name(), t.type(), dims, ByteBuffer.wrap(bytes));
    }

    /** Zeroes single elements (flat indices into the stored tensor). */
    static Tensor zeroElements(Tensor t, BitSet elements) {
        if (elements.isEmpty()) {
            return t;
        }
        int size = t.type().byteSize();
        byte[] bytes = bytes(t);
        for (int i = elements.nextSetBit(0); i >= 0; i = elements.nextSetBit(i + 1)) {
            java.util.Arrays.fill(bytes, i * size, (i + 1) * size, (byte) 0);
        }
        return new Tensor(t.name(), t.type(), t.dims(), ByteBuffer.wrap(bytes));
    }

    /** A tensor's bytes seen as [outer, len, inner] around one axis: {@code inner} is the bytes of one index of it. */
    private record AxisView(int outer, int len, int inner) {
        static AxisView of(Tensor t, int axis) {
            long[] dims = t.dims();
            int outer = 1;
            for (int i = 0; i < axis; i++) {
                outer *= (int) dims[i];
            }
            int inner = t.type().byteSize();
            for (int i = axis + 1; i < dims.length; i++) {
                inner *= (int) dims[i];
            }
            return new AxisView(outer, (int) dims[axis], inner);
        }
    }

    private static byte[] bytes(Tensor t) {
        ByteBuffer b = t.payload();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
