package io.prunescope.ops;

/** The op families PruneScope can prune, each with its own weight layout. */
public enum LayerKind {
    /** Conv: W[Cout][Cin/groups][k...]. */
    CONV,
    /** ConvTranspose: W[Cin][Cout/groups][k...] (input channels first). */
    CONV_TRANSPOSE,
    /** Gemm: W[out][in] when transB = 1, W[in][out] when transB = 0. */
    GEMM,
    /** MatMul with a constant right operand: W[in][out]. */
    MATMUL
}
