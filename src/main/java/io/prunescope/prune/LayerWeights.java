package io.prunescope.prune;

import io.prunescope.analysis.PrunableLayer;
import io.prunescope.ops.LayerKind;
import io.prunescope.prune.criteria.WeightView;

/**
 * A layer's weight seen the way the criteria expect it: units of output first, W[out][in][kh][kw] or W[out][in].
 * Conv weights already are; Gemm with transB = 0, MatMul and ConvTranspose store input first, so they are
 * transposed here, and {@link #storedIndex} maps a view element back to its place in the stored tensor.
 */
public final class LayerWeights {

    private final WeightView view;
    private final int[] storedShape;
    private final boolean swapped;

    private LayerWeights(WeightView view, int[] storedShape, boolean swapped) {
        this.view = view;
        this.storedShape = storedShape;
        this.swapped = swapped;
    }

    public static LayerWeights of(PrunableLayer layer) {
        float[] stored = layer.weight().toFloats();
        long[] dims = layer.weight().dims();
        int[] shape = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            shape[i] = Math.toIntExact(dims[i]);
        }
        boolean swap = storedInputFirst(layer);
        int[] viewShape = viewShape(shape);
        if (!swap) {
            return new LayerWeights(WeightView.of(stored, viewShape), shape, false);
        }
        int a = shape[0];
        int b = shape[1];
        int inner = stored.length / (a * b);
        float[] data = new float[stored.length];
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                System.arraycopy(stored, (i * b + j) * inner, data, (j * a + i) * inner, inner);
            }
        }
        int[] swappedShape = viewShape.clone();
        swappedShape[0] = viewShape[1];
        swappedShape[1] = viewShape[0];
        return new LayerWeights(WeightView.of(data, swappedShape), shape, true);
    }

    /** Whether the layer stores its weight input first (Gemm with transB = 0, MatMul, ConvTranspose). */
    static boolean storedInputFirst(PrunableLayer layer) {
        return layer.transposed() || layer.kind() == LayerKind.CONV_TRANSPOSE || layer.kind() == LayerKind.MATMUL;
    }

    /** Rank 5 (3-D conv) kernels are folded into rank 4 so every conv looks like W[o][c][kh][kw]. */
    private static int[] viewShape(int[] shape) {
        if (shape.length <= 4) {
            return shape.clone();
        }
        int kw = shape[shape.length - 1];
        int rest = 1;
        for (int i = 2; i < shape.length - 1; i++) {
            rest *= shape[i];
        }
        return new int[]{shape[0], shape[1], rest, kw};
    }

    public WeightView view() {
        return view;
    }

    public int outputUnits() {
        return view.shape()[0];
    }

    /** Index into the stored tensor of view element {@code viewIndex}. */
    public int storedIndex(int viewIndex) {
        if (!swapped) {
            return viewIndex;
        }
        int[] vs = view.shape();
        int inner = view.size() / (vs[0] * vs[1]);
        int o = viewIndex / (vs[1] * inner);
        int rest = viewIndex % (vs[1] * inner);
        int c = rest / inner;
        int k = rest % inner;
        return (c * storedShape[1] + o) * inner + k;
    }
}
