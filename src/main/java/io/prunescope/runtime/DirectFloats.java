package io.prunescope.runtime;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A few native float buffers kept for reuse. {@link ByteBuffer#allocateDirect} zeroes every byte it hands out and
 * frees only at garbage collection; FPGM asks for one buffer per layer, and over ResNet-50's 53 convs the zeroing
 * alone cost about as much as a tenth of the GEMM. Buffers over {@link #KEEP_FLOATS} are not kept, so a large layer
 * does not pin its memory for the life of the process.
 */
final class DirectFloats {

    static final int KEEP_FLOATS = 8 << 20;
    private static final int KEEP_COUNT = 8;

    private final List<FloatBuffer> free = new ArrayList<>();

    /** A buffer of at least {@code floats} floats, position 0, limit {@code floats}; contents undefined. */
    synchronized FloatBuffer take(int floats) {
        for (int i = 0; i < free.size(); i++) {
            FloatBuffer b = free.get(i);
            if (b.capacity() >= floats) {
                free.remove(i);
                return b.clear().limit(floats);
            }
        }
        int capacity = floats <= KEEP_FLOATS ? Math.max(floats, 1 << 16) : floats;
        return ByteBuffer.allocateDirect(Math.multiplyExact(capacity, Float.BYTES)).order(ByteOrder.nativeOrder())
                .asFloatBuffer().limit(floats);
    }

    /** Hands a buffer from {@link #take} back; small ones are kept (the smallest dropped when full). */
    synchronized void give(FloatBuffer buffer) {
        if (buffer.capacity() > KEEP_FLOATS) {
            return;
        }
        free.add(buffer);
        if (free.size() > KEEP_COUNT) {
            int smallest = 0;
            for (int i = 1; i < free.size(); i++) {
                if (free.get(i).capacity() < free.get(smallest).capacity()) {
                    smallest = i;
                }
            }
            free.remove(smallest);
        }
    }
}
