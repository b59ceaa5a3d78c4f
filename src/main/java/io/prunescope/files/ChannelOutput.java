package io.prunescope.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * An output stream into a file channel through one reused native buffer. {@code Files.newOutputStream} hands every
 * write to the channel as a heap buffer, which the JDK copies into a temporary native buffer of the write's size — a
 * freshly allocated and zeroed one for each large write, such as a model's weight tensor (issue 13: export ≤
 * {@code onnx.save}). Here each byte is copied once into a buffer that stays in the cache, and the kernel copies it
 * from there. The buffer is a {@link ScratchBuffers} one, reused from the previous write: {@link #release()} hands it
 * back, after which the stream refuses writes. The caller closes the channel; {@link #close()} only flushes.
 */
final class ChannelOutput extends OutputStream {

    private final FileChannel channel;
    private ByteBuffer buffer = ScratchBuffers.take();

    ChannelOutput(FileChannel channel) {
        this.channel = channel;
    }

    @Override
    public void write(int b) throws IOException {
        checkNotReleased();
        if (!buffer.hasRemaining()) {
            drain();
        }
        buffer.put((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        checkNotReleased();
        while (len > 0) {
            if (!buffer.hasRemaining()) {
                drain();
            }
            int n = Math.min(len, buffer.remaining());
            buffer.put(b, off, n);
            off += n;
            len -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        drain();
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    /**
     * Hands the buffer back for the next write, dropping anything not yet flushed; later writes fail. Called once
     * the write is over, whether it succeeded or not.
     */
    void release() {
        ByteBuffer b = buffer;
        buffer = null;
        ScratchBuffers.give(b);
    }

    private void checkNotReleased() throws IOException {
        if (buffer == null) {
            throw new IOException("the output was released");
        }
    }

    private void drain() throws IOException {
        checkNotReleased();
        buffer.flip();
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (java.nio.file.FileSystemException e) {
            throw e;
        } catch (IOException e) {
            // A refused write(2) (full disk, file-size limit, I/O error) comes as a bare IOException whose message
            // is the system's reason: marked as the file system's, so the writer reports it with the target's name.
            throw (IOException) new java.nio.file.FileSystemException(null, null, e.getMessage()).initCause(e);
        }
        buffer.clear();
    }
}
