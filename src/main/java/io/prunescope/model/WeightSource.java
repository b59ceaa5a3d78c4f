package io.prunescope.model;

/** Where a constant tensor lives in the file: this decides how an export replaces it. */
public enum WeightSource {
    /** {@code graph.initializer}, as PyTorch and tf2onnx write weights. */
    INITIALIZER,
    /** The {@code value} of a {@code Constant} node, as paddle2onnx writes every weight. */
    CONSTANT_NODE
}
