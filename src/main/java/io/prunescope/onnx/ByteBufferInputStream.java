package io.prunescope.onnx;

import java.io.InputStream;
import java.nio.ByteBuffer;

/** Streams a (mapped) buffer, for the gzip reader. */
final class ByteBufferInputStream extends InputStream {

    private final ByteBuffer buf;

    ByteBufferInputStream(ByteBuffer buf) {
        this.buf = buf;
    }

    @Override
    public int read() {
        return buf.hasRemaining() ? buf.get() & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (!buf.hasRemaining()) {
            return -1;
        }
        int n = Math.min(len, buf.remaining());
        buf.get(b, off, n);
        return n;
    }
}
