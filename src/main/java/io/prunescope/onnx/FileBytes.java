package io.prunescope.onnx;

import io.prunescope.files.ScratchBuffers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A model file's bytes, read into an array of our own (issue 13).
 *
 * <p>{@code FileChannel.read} into a heap array copies twice: the kernel fills a temporary native buffer as large as
 * the request (28 MB for YOLOv5s), which is then copied into the array from main memory. Reading in 1 MiB chunks
 * through one native buffer ({@link ScratchBuffers}, reused across reads and writes) keeps the second copy in cache,
 * which makes it nearly free. A mapping would save that copy too, but a file cut short by another program while
 * mapped faults, and the JVM reports that fault late and asynchronously, possibly outside any code prepared for it; a
 * read of a shrinking file just returns fewer bytes.
 */
final class FileBytes {

    private FileBytes() {
    }

    /** The file's first {@code size} bytes, in an array of our own. */
    static byte[] read(Path path, long size) throws IOException {
        byte[] data = new byte[Math.toIntExact(size)];
        // the native buffer of the previous read or write, not a fresh one (zeroing 1 MiB: ~0.5 ms, issue 13)
        ByteBuffer chunk = ScratchBuffers.take();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            int filled = 0;
            while (filled < data.length) {
                chunk.clear().limit(Math.min(chunk.capacity(), data.length - filled));
                int n = ch.read(chunk);
                if (n < 0) {
                    throw new IOException("the file shrank to " + filled + " bytes while it was read");
                }
                chunk.flip().get(data, filled, n);
                filled += n;
            }
        } finally {
            ScratchBuffers.give(chunk);
        }
        return data;
    }
}
