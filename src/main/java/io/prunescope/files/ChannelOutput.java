package io.prunescope.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.Future;

/**
 * An output stream into a file channel through two reused native buffers, one filled by the caller while the other is
 * written to the file on an {@link IoThreads} thread.
 *
 * <p>Why native buffers: {@code Files.newOutputStream} hands every write to the channel as a heap buffer, which the JDK
 * copies into a temporary native buffer of the write's size — a freshly allocated and zeroed one for each large write,
 * such as a model's weight tensor. Here each byte is copied once into a buffer that stays in the cache, and the kernel
 * copies it from there. Why two, and a second thread: the kernel's copy into the page cache is most of a write's time
 * (about 5.5 of 8.5 ms CPU for a pruned YOLOv5s, issue 13), and it can run while the caller serialises and copies the
 * next megabyte, so on a machine with a free core the write takes about as long as the longer of the two, not their
 * sum. Writes stay in order: one buffer at a time is in flight, and the caller waits for it before handing the next.
 *
 * <p>The buffers are {@link ScratchBuffers}, reused from the previous write: {@link #release()} hands them back, after
 * which the stream refuses writes. The caller closes the channel; {@link #close()} only flushes.
 */
final class ChannelOutput extends OutputStream {

    private final FileChannel channel;
    /** The buffer the caller fills; null once released. */
    private ByteBuffer filling = ScratchBuffers.take();
    /** The other buffer: being written while {@link #inFlight} runs, free otherwise. */
    private ByteBuffer spare = ScratchBuffers.take();
    private Future<?> inFlight;

    ChannelOutput(FileChannel channel) {
        this.channel = channel;
    }

    @Override
    public void write(int b) throws IOException {
        open();
        if (!filling.hasRemaining()) {
            handOff();
        }
        filling.put((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        open();
        while (len > 0) {
            if (!filling.hasRemaining()) {
                handOff();
            }
            int n = Math.min(len, filling.remaining());
            filling.put(b, off, n);
            off += n;
            len -= n;
        }
    }

    /** Everything written so far is in the file when this returns (in the page cache; the sync is the caller's). */
    @Override
    public void flush() throws IOException {
        open();
        if (filling.position() > 0) {
            handOff();
        }
        finishInFlight();
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    /**
     * Waits for a write in flight, then hands both buffers back, dropping anything not yet flushed; later writes fail.
     * Called once the write is over, whether it succeeded or not.
     */
    void release() {
        IoThreads.awaitQuietly(inFlight);
        inFlight = null;
        ByteBuffer a = filling;
        ByteBuffer b = spare;
        filling = null;
        spare = null;
        ScratchBuffers.give(a);
        ScratchBuffers.give(b);
    }

    private void open() throws IOException {
        if (filling == null) {
            throw new IOException("the output was released");
        }
    }

    /** Starts writing the filled buffer and goes on filling the other, once its own write has finished. */
    private void handOff() throws IOException {
        finishInFlight();
        ByteBuffer full = filling.flip();
        filling = spare.clear();
        spare = full;
        inFlight = IoThreads.submit(() -> {
            while (full.hasRemaining()) {
                channel.write(full);
            }
        });
    }

    private void finishInFlight() throws IOException {
        Future<?> running = inFlight;
        if (running == null) {
            return;
        }
        inFlight = null;
        try {
            IoThreads.await(running);
        } catch (IOException e) {
            throw IoThreads.asFileSystemFailure(e);
        }
    }
}
