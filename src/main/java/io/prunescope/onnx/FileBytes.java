package io.prunescope.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A model file's bytes, read into an array of our own as cheaply as the platform allows (issue 13). */
final class FileBytes {

    /** Windows refuses to replace or truncate a file while any mapping of it is alive (until a GC unmaps it). */
    private static final boolean MAP_FOR_COPY = !System.getProperty("os.name", "").startsWith("Windows");

    private FileBytes() {
    }

    /**
     * The file's {@code size} bytes, in an array of our own. Where a mapping does not lock the file (not on Windows,
     * where a mapped file cannot be replaced until the mapping is garbage-collected), the file is mapped just for one
     * bulk copy: the kernel then copies once, whereas {@code FileChannel.read} into a heap array goes through a
     * temporary native buffer and copies twice (yolov5s, 28 MB: 6 ms against 11 ms, issue 13). Nothing keeps or reads
     * the mapping after the copy.
     */
    static byte[] read(Path path, long size) throws IOException {
        return read(path, size, () -> { });
    }

    /**
     * {@code afterMapping} runs between mapping and copying (tests cut the file short there). A file that shrinks
     * under the mapping faults during the copy; the JVM turns the fault into an {@link InternalError}, which a copy in
     * compiled code raises late, at the thread's next safepoint check (seen at the channel's close): hence the catch
     * around everything, and {@link OnnxReader#read(Path)} catches it once more.
     */
    static byte[] read(Path path, long size, Runnable afterMapping) throws IOException {
        byte[] data = new byte[(int) size];
        try {
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                if (MAP_FOR_COPY) {
                    java.nio.MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
                    afterMapping.run();
                    map.get(data);
                    if (ch.size() != size) {
                        throw new IOException("the file changed size while it was read");
                    }
                    return data;
                }
                ByteBuffer into = ByteBuffer.wrap(data);
                while (into.hasRemaining()) {
                    if (ch.read(into) < 0) {
                        throw new IOException("the file shrank to " + into.position() + " bytes while it was read");
                    }
                }
            }
        } catch (InternalError e) {
            throw shrank(e);
        }
        return data;
    }

    static IOException shrank(InternalError e) {
        return new IOException("the file shrank while it was read (" + e.getMessage() + ")", e);
    }
}
