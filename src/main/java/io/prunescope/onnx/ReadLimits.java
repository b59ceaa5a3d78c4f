package io.prunescope.onnx;

/**
 * Bounds that keep a hostile or broken file from exhausting memory or the stack.
 *
 * @param maxFileBytes      protobuf cannot hold more than 2 GiB in one message; larger models use external data
 * @param maxTensorElements one tensor (initializer or declared value) may not exceed this many elements
 * @param recursionLimit    nesting depth accepted by the protobuf parser (subgraphs in subgraphs ...)
 */
public record ReadLimits(long maxFileBytes, long maxTensorElements, int recursionLimit) {

    public static final ReadLimits DEFAULT = new ReadLimits(Integer.MAX_VALUE, 1L << 32, 64);
}
