package io.prunescope.prune.criteria;

import java.util.Arrays;

/**
 * A layer weight as the criteria see it: row-major {@code data} plus its {@code shape}.
 * Rank 4 is a Conv2d weight {@code [O][C/groups][kh][kw]}, rank 3 a Conv1d weight (treated as kh = 1),
 * rank 2 an FC weight {@code [out][in]} whose rows are output units (the caller transposes when the
 * file stores it the other way round). Every rank is seen through the same 4-D lens
 * {@code [O][C][kh][kw]} so that one set of index formulas serves all of them.
 * The array is shared, not copied: criteria never write to it.
 */
public record WeightView(float[] data, int[] shape) {

    public WeightView {
        if (data == null || shape == null) {
            throw new IllegalArgumentException("data and shape are required");
        }
        if (shape.length < 2 || shape.length > 4) {
            throw new IllegalArgumentException("weight rank must be 2, 3 or 4, got " + Arrays.toString(shape));
        }
        long count = 1;
        for (int s : shape) {
            if (s <= 0) {
                throw new IllegalArgumentException("shape dimensions must be positive: " + Arrays.toString(shape));
            }
            count *= s;
        }
        if (count != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + count
                    + " elements, data has " + data.length);
        }
        shape = shape.clone();
    }

    public static WeightView of(float[] data, int... shape) {
        return new WeightView(data, shape);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** O: output channels (conv) or output units (FC). */
    public int outChannels() {
        return shape[0];
    }

    /** C: input channels per group (conv) or input features (FC). */
    public int inChannels() {
        return shape[1];
    }

    /** kh: 1 for rank 2 and 3. */
    public int kernelHeight() {
        return shape.length == 4 ? shape[2] : 1;
    }

    /** kw: the kernel length for rank 3, 1 for rank 2. */
    public int kernelWidth() {
        return shape.length >= 3 ? shape[shape.length - 1] : 1;
    }

    /** kh·kw. */
    public int kernelArea() {
        return kernelHeight() * kernelWidth();
    }

    /** Length of one filter / FC row: C·kh·kw, which is also the reduction dimension. */
    public int rowLength() {
        return inChannels() * kernelArea();
    }

    public int size() {
        return data.length;
    }

    /** Flat index of {@code W[o][c][i][j]} in the 4-D lens. */
    public int index(int o, int c, int i, int j) {
        return ((o * inChannels() + c) * kernelHeight() + i) * kernelWidth() + j;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WeightView w && Arrays.equals(shape, w.shape) && Arrays.equals(data, w.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "WeightView" + Arrays.toString(shape);
    }
}
