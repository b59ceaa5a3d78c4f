package io.prunescope.runtime;

import java.util.Arrays;

/**
 * A dense float tensor in row-major (C) order: the one value type this package exchanges with its
 * callers, so nothing outside {@code runtime} needs ONNX Runtime's native-backed tensors.
 *
 * <p>The record does not copy its arrays (tensors can be large); treat them as read-only once built.
 */
public record FloatTensor(float[] data, long[] shape) {

    public FloatTensor {
        if (data == null || shape == null) {
            throw new IllegalArgumentException("data and shape must not be null");
        }
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a negative dimension");
            }
            n = Math.multiplyExact(n, d);
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n
                    + " values but data has " + data.length);
        }
    }

    public static FloatTensor of(long[] shape, float... data) {
        return new FloatTensor(data, shape);
    }

    public static FloatTensor zeros(long... shape) {
        return new FloatTensor(new float[Math.toIntExact(product(shape))], shape.clone());
    }

    public int numel() {
        return data.length;
    }

    public int rank() {
        return shape.length;
    }

    /** Size of dimension 0 (the batch dimension by convention). */
    public int batchSize() {
        requireRankAtLeast(1);
        return Math.toIntExact(shape[0]);
    }

    /** Number of values per sample: everything after dimension 0. */
    public int sampleSize() {
        requireRankAtLeast(1);
        return shape[0] == 0 ? 0 : data.length / batchSize();
    }

    /** Samples {@code [from, to)} along dimension 0, copied. */
    public FloatTensor sliceBatch(int from, int to) {
        int n = batchSize();
        if (from < 0 || to > n || from > to) {
            throw new IndexOutOfBoundsException("batch slice [" + from + ", " + to + ") of " + n + " samples");
        }
        int per = sampleSize();
        long[] s = shape.clone();
        s[0] = to - from;
        return new FloatTensor(Arrays.copyOfRange(data, from * per, to * per), s);
    }

    /** Concatenates tensors along dimension 0; all other dimensions must agree. */
    public static FloatTensor concatBatch(java.util.List<FloatTensor> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to concatenate");
        }
        long[] first = parts.get(0).shape();
        long total = 0;
        for (FloatTensor p : parts) {
            if (p.rank() != first.length || !Arrays.equals(p.shape, 1, p.rank(), first, 1, first.length)) {
                throw new IllegalArgumentException("cannot concatenate shapes " + Arrays.toString(first)
                        + " and " + Arrays.toString(p.shape()) + " along the batch dimension");
            }
            total += p.shape[0];
        }
        float[] out = new float[Math.toIntExact(parts.stream().mapToLong(FloatTensor::numel).sum())];
        int pos = 0;
        for (FloatTensor p : parts) {
            System.arraycopy(p.data, 0, out, pos, p.data.length);
            pos += p.data.length;
        }
        long[] s = first.clone();
        s[0] = total;
        return new FloatTensor(out, s);
    }

    /** Same data, another shape with the same number of elements. */
    public FloatTensor reshape(long... newShape) {
        return new FloatTensor(data, newShape.clone());
    }

    /**
     * Index of the largest value in each row, for a tensor viewed as rows of its last dimension
     * ([N,K] gives N results). Ties resolve to the first index, as NumPy and PyTorch do.
     */
    public int[] argmaxPerRow() {
        requireRankAtLeast(1);
        int k = Math.toIntExact(shape[shape.length - 1]);
        if (k == 0) {
            throw new IllegalStateException("argmax over an empty last dimension");
        }
        int rows = data.length / k;
        int[] out = new int[rows];
        for (int r = 0; r < rows; r++) {
            int base = r * k;
            int best = 0;
            float bestValue = data[base];
            for (int j = 1; j < k; j++) {
                // NaN never wins (comparisons with NaN are false), so a NaN row reports index 0.
                if (data[base + j] > bestValue) {
                    bestValue = data[base + j];
                    best = j;
                }
            }
            out[r] = best;
        }
        return out;
    }

    /** Value at a full multi-index (for tests and small lookups, not for hot loops). */
    public float get(long... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index rank " + index.length + " != tensor rank " + shape.length);
        }
        long flat = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " outside " + Arrays.toString(shape));
            }
            flat = flat * shape[i] + index[i];
        }
        return data[(int) flat];
    }

    public static long product(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    private void requireRankAtLeast(int r) {
        if (shape.length < r) {
            throw new IllegalStateException("tensor of shape " + Arrays.toString(shape) + " has rank < " + r);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FloatTensor" + Arrays.toString(shape);
    }
}
