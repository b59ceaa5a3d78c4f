package io.prunescope.onnx;

/**
 * Bounds that keep a hostile or broken file from exhausting memory or the stack.
 *
 * @param maxFileBytes      protobuf cannot hold more than 2 GiB in one message; larger models use external data
 * @param maxTensorElements one tensor (initializer or declared value) may not exceed this many elements
 * @param recursionLimit    nesting depth accepted by the protobuf parser (subgraphs in subgraphs ...)
 * @param maxUnpackedBytes  a {@code .onnx.gz} may unpack to at most this many bytes: a few megabytes of gzip can
 *                          claim gigabytes, and the unpacked model must fit in memory next to its parsed form
 */
public record ReadLimits(long maxFileBytes, long maxTensorElements, int recursionLimit, long maxUnpackedBytes) {

    public static final ReadLimits DEFAULT = new ReadLimits(Integer.MAX_VALUE, 1L << 32, 64, defaultUnpackedBytes());

    public ReadLimits withMaxUnpackedBytes(long bytes) {
        return new ReadLimits(maxFileBytes, maxTensorElements, recursionLimit, bytes);
    }

    /** A quarter of the heap (the unpacked bytes, their copy and the parsed model must fit), at most 2 GiB. */
    private static long defaultUnpackedBytes() {
        return Math.min(Integer.MAX_VALUE - 8L, Runtime.getRuntime().maxMemory() / 4);
    }
}
