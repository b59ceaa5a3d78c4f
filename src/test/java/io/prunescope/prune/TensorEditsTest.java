package io.prunescope.prune;

import io.prunescope.model.DataType;
import io.prunescope.model.Tensor;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Removing channels by runs of kept indices (issue 13) gives what indexing every element one by one gives. */
class TensorEditsTest {

    @Test
    void removeAlongEqualsElementwiseReference() {
        Random r = new Random(2026);
        for (int trial = 0; trial < 200; trial++) {
            int rank = 1 + r.nextInt(4);
            long[] dims = new long[rank];
            int numel = 1;
            for (int i = 0; i < rank; i++) {
                dims[i] = 1 + r.nextInt(6);
                numel *= (int) dims[i];
            }
            DataType type = r.nextBoolean() ? DataType.FLOAT : DataType.FLOAT16;
            byte[] bytes = new byte[numel * type.byteSize()];
            r.nextBytes(bytes);
            // an array of its own, native memory, or a view at an offset into a larger array (as a tensor of a
            // file read with aliasing is), with other bytes before and after it
            ByteBuffer payload = switch (trial % 3) {
                case 0 -> ByteBuffer.wrap(bytes);
                case 1 -> ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
                default -> {
                    byte[] file = new byte[bytes.length + 64];
                    r.nextBytes(file);
                    System.arraycopy(bytes, 0, file, 24, bytes.length);
                    yield ByteBuffer.wrap(file).position(24).limit(24 + bytes.length);
                }
            };
            Tensor t = new Tensor("w", type, dims, payload);
            // one axis, or two at once as a conv pruned on its filters and its input channels is
            Map<Integer, BitSet> removals = new java.util.LinkedHashMap<>();
            int axes = rank > 1 && r.nextBoolean() ? 2 : 1;
            while (removals.size() < axes) {
                int axis = r.nextInt(rank);
                BitSet removed = new BitSet();
                for (int i = 0; i < dims[axis]; i++) {
                    if (r.nextInt(3) == 0) {
                        removed.set(i);
                    }
                }
                removals.putIfAbsent(axis, removed);
            }
            Tensor out = TensorEdits.remove(t, removals);
            byte[] expected = bytes;
            long[] expectedDims = dims.clone();
            for (Map.Entry<Integer, BitSet> e : removals.entrySet()) {
                expected = reference(expected, expectedDims, type, e.getKey(), e.getValue());
                expectedDims[e.getKey()] -= e.getValue().cardinality();
            }
            assertThat(bytesOf(out)).as("trial %d", trial).containsExactly(expected);
            assertThat(out.dims()).containsExactly(expectedDims);
            assertThat(t.dims()).as("the input keeps its shape").containsExactly(dims);
        }
    }

    @Test
    void oneConvPrunedOnFiltersAndInputsEqualsTheTwoPassesOneAfterTheOther() {
        // a real conv's shape, stored at an offset in a larger array (as a tensor of a file read with aliasing is)
        Random r = new Random(13);
        long[] dims = {64, 48, 3, 3};
        int bytes = 64 * 48 * 9 * 4;
        byte[] file = new byte[bytes + 100];
        r.nextBytes(file);
        Tensor conv = new Tensor("conv.weight", DataType.FLOAT, dims,
                ByteBuffer.wrap(file).position(37).limit(37 + bytes));
        BitSet filters = new BitSet();
        BitSet inputs = new BitSet();
        for (int i = 0; i < 64; i++) {
            filters.set(i, r.nextInt(10) < 3);
        }
        for (int i = 0; i < 48; i++) {
            inputs.set(i, r.nextInt(10) < 4);
        }
        Tensor onePass = TensorEdits.remove(conv, Map.of(1, inputs, 0, filters));
        Tensor twoPasses = TensorEdits.removeAlong(TensorEdits.removeAlong(conv, 0, filters), 1, inputs);
        assertThat(onePass.dims()).containsExactly(64 - filters.cardinality(), 48 - inputs.cardinality(), 3, 3);
        assertThat(bytesOf(onePass)).containsExactly(bytesOf(twoPasses));
        // and a kept element by hand: filter f, input c, position (1, 2) of the kernel
        int f = filters.nextClearBit(10);
        int c = inputs.nextClearBit(20);
        int keptF = f - filters.get(0, f).cardinality();
        int keptC = c - inputs.get(0, c).cardinality();
        int keptInputs = 48 - inputs.cardinality();
        ByteBuffer out = onePass.payload();
        int at = out.position() + (((keptF * keptInputs + keptC) * 3 + 1) * 3 + 2) * 4;
        int from = 37 + (((f * 48 + c) * 3 + 1) * 3 + 2) * 4;
        assertThat(new byte[] {out.get(at), out.get(at + 1), out.get(at + 2), out.get(at + 3)})
                .containsExactly(file[from], file[from + 1], file[from + 2], file[from + 3]);
    }

    /** Walks every element in order and keeps those whose index on {@code axis} is not removed. */
    private static byte[] reference(byte[] src, long[] dims, DataType type, int axis, BitSet removed) {
        int size = type.byteSize();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int n = src.length / size;
        for (int flat = 0; flat < n; flat++) {
            int rest = flat;
            int index = 0;
            for (int d = dims.length - 1; d >= 0; d--) {
                if (d == axis) {
                    index = (int) (rest % dims[d]);
                }
                rest /= (int) dims[d];
            }
            if (!removed.get(index)) {
                out.write(src, flat * size, size);
            }
        }
        return out.toByteArray();
    }

    private static byte[] bytesOf(Tensor t) {
        ByteBuffer b = t.payload();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
