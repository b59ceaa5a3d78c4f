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

    /**
     * Removes the given indices along each axis (axis → removed indices). The tensor's bytes are copied out of its
     * read-only view once, and every axis is then sliced array to array with one {@code System.arraycopy} per run of
     * kept indices: slicing through the view cost a bounds-checked buffer call per run, and a conv pruned on both
     * axes has a run per kept filter and kept input run (issue 13: export ≤ onnx.save).
     */
    static Tensor remove(Tensor t, Map<Integer, BitSet> removedByAxis) {
        byte[] data = null;
        long[] dims = t.dims();
        for (Map.Entry<Integer, BitSet> e : removedByAxis.entrySet()) {
            if (!e.getValue().isEmpty()) {
                data = removeAlong(data == null ? bytes(t) : data, dims, t.type().byteSize(), e.getKey(),
                        e.getValue());
            }
        }
        return data == null ? t : new Tensor(t.name(), t.type(), dims, ByteBuffer.wrap(data));
    }

    /** Slices {@code src} (a tensor of {@code dims}, updated in place) along one axis. */
    private static byte[] removeAlong(byte[] src, long[] dims, int elementBytes, int axis, BitSet removed) {
        AxisView v = AxisView.of(dims, elementBytes, axis);
        int outer = v.outer();
        int len = v.len();
        int inner = v.inner();
        int[] runs = keptRuns(removed, len);
        int kept = 0;
        for (int r = 0; r < runs.length; r += 2) {
            kept += runs[r + 1] - runs[r];
        }
        byte[] dst = new byte[outer * kept * inner];
        int at = 0;
        for (int o = 0; o < outer; o++) {
            int row = o * len;
            for (int r = 0; r < runs.length; r += 2) {
                int n = (runs[r + 1] - runs[r]) * inner;
                System.arraycopy(src, (row + runs[r]) * inner, dst, at, n);
                at += n;
            }
        }
        dims[axis] = kept;
        return dst;
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
        AxisView v = AxisView.of(dims, t.type().byteSize(), axis);
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
        static AxisView of(long[] dims, int elementBytes, int axis) {
            int outer = 1;
            for (int i = 0; i < axis; i++) {
                outer *= (int) dims[i];
            }
            int inner = elementBytes;
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
