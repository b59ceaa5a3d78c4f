package io.prunescope.analysis;

import io.prunescope.model.Node;
import io.prunescope.model.Tensor;
import io.prunescope.ops.LayerKind;

/**
 * A node whose weight PruneScope can prune, with the weight found wherever the exporter put it (initializer or
 * Constant node) and the layout needed to read units out of it.
 *
 * @param weight          the weight tensor as stored in the file
 * @param weightInputIndex which node input holds the weight (1 for Conv/Gemm; 0 or 1 for MatMul)
 * @param biasName        constant bias tensor name, or null
 * @param outputUnits     number of output units (filters for Conv, neurons for Gemm/MatMul)
 * @param inputUnits      number of input channels/features the layer reads
 * @param groups          Conv groups (1 for dense layers)
 * @param transposed      true when the stored weight is [in][out] (Gemm transB=0, MatMul), so rows are not units
 */
public record PrunableLayer(Node node, LayerKind kind, Tensor weight, int weightInputIndex, String biasName,
                            long outputUnits, long inputUnits, long groups, boolean transposed) {

    public String name() {
        return node.displayName();
    }

    /** Depthwise conv: one input channel per group, as many groups as channels; input and output unit coincide. */
    public boolean isDepthwise() {
        return kind == LayerKind.CONV && groups > 1 && groups == inputUnits && groups == outputUnits;
    }
}
