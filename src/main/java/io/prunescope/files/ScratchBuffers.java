package io.prunescope.files;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The 1 MiB native buffers that file reads and writes go through ({@link ChannelOutput}, the model reader's chunked
 * read), kept for the next read or write instead of allocated for each. A fresh {@code allocateDirect} of 1 MiB is
 * freshly mapped memory that the JDK then zeroes: measured ~0.5 ms per buffer, about a tenth of writing a pruned
 * YOLOv5s, and an export allocates two (the write and the read-back, issue 13). At most {@value #KEPT} buffers are kept
 * (2 MiB of native memory for the life of the process); more callers at once get fresh ones, which are dropped.
 *
 * <p>Callers hand a buffer back exactly once, in a {@code finally}, and never touch it afterwards: another thread may
 * hold it by then.
 */
public final class ScratchBuffers {

    public static final int BYTES = 1 << 20;
    static final int KEPT = 2;

    private static final ConcurrentLinkedDeque<ByteBuffer> FREE = new ConcurrentLinkedDeque<>();

    private ScratchBuffers() {
    }

    /** A cleared native buffer of {@link #BYTES} bytes, for the caller alone until {@link #give(ByteBuffer)}. */
    public static ByteBuffer take() {
        ByteBuffer b = FREE.pollFirst();
        return b != null ? b.clear() : ByteBuffer.allocateDirect(BYTES);
    }

    /** Hands {@code buffer} back (null is ignored): kept for the next caller while fewer than {@value #KEPT} are. */
    public static void give(ByteBuffer buffer) {
        if (buffer != null && buffer.isDirect() && buffer.capacity() == BYTES && FREE.size() < KEPT) {
            FREE.offerFirst(buffer.clear());
        }
    }

    /** How many buffers wait for a caller (tests). */
    static int kept() {
        return FREE.size();
    }
}
