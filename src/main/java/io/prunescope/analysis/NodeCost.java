package io.prunescope.analysis;

import io.prunescope.model.Node;

/**
 * What one node costs (DESIGN §7): parameters are elements of the float weight tensors it owns; MACs are
 * multiply-accumulates of Conv/ConvTranspose/Gemm/MatMul (0 for other ops); FLOPs = 2 × MACs.
 */
public record NodeCost(Node node, long params, long macs) {

    public long flops() {
        return 2 * macs;
    }
}
