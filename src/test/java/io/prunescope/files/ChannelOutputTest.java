package io.prunescope.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The buffered channel stream writes exactly what it is given, whatever the mix of write sizes. */
class ChannelOutputTest {

    @TempDir
    Path dir;

    @Test
    void writesExactlyTheBytesGivenInAnyMixOfSizes() throws Exception {
        Random r = new Random(3);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        Path file = dir.resolve("out.bin");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ChannelOutput out = new ChannelOutput(ch);
            for (int i = 0; i < 200; i++) {
                // single bytes, small arrays, and arrays larger than the 1 MiB buffer, from an offset
                int kind = r.nextInt(3);
                if (kind == 0) {
                    int b = r.nextInt(256);
                    out.write(b);
                    expected.write(b);
                } else {
                    byte[] chunk = new byte[kind == 1 ? r.nextInt(5000) : (1 << 20) + r.nextInt(1 << 20)];
                    r.nextBytes(chunk);
                    int off = chunk.length == 0 ? 0 : r.nextInt(Math.min(chunk.length, 100));
                    out.write(chunk, off, chunk.length - off);
                    expected.write(chunk, off, chunk.length - off);
                }
            }
            out.flush();
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(expected.toByteArray());
    }

    @Test
    void aWriteTheChannelRefusesFailsTheCallerAndTheBufferComesBack() throws Exception {
        Path file = Files.write(dir.resolve("read-only.bin"), new byte[] {9});
        int keptBefore = ScratchBuffers.kept();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) { // cannot be written
            ChannelOutput out = new ChannelOutput(ch);
            byte[] chunk = new byte[(1 << 20) + 5]; // more than the buffer: it is drained before the flush
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
                out.write(chunk);
                out.flush();
            }).isInstanceOf(java.nio.channels.NonWritableChannelException.class);
            out.release();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> out.write(1))
                    .isInstanceOf(java.io.IOException.class).hasMessageContaining("released");
        }
        assertThat(Files.readAllBytes(file)).containsExactly(9);
        assertThat(ScratchBuffers.kept()).as("the buffer is back").isEqualTo(Math.max(keptBefore, 1));
    }
}
