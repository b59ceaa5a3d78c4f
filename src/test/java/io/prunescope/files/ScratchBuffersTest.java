package io.prunescope.files;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Native I/O buffers are reused, a bounded number of them, and a released output cannot write into one any more. */
class ScratchBuffersTest {

    @Test
    void aBufferHandedBackIsTheNextOneTakenAndComesCleared() {
        ByteBuffer first = ScratchBuffers.take();
        first.put(new byte[100]).limit(500);
        ScratchBuffers.give(first);
        ByteBuffer again = ScratchBuffers.take();
        try {
            assertThat(again).isSameAs(first);
            assertThat(again.position()).isZero();
            assertThat(again.limit()).isEqualTo(ScratchBuffers.BYTES);
            assertThat(again.isDirect()).isTrue();
        } finally {
            ScratchBuffers.give(again);
        }
    }

    @Test
    void keepsAtMostAFewAndIgnoresForeignBuffers() {
        List<ByteBuffer> taken = new ArrayList<>();
        for (int i = 0; i < ScratchBuffers.KEPT + 3; i++) {
            taken.add(ScratchBuffers.take());
        }
        java.util.Set<ByteBuffer> distinct = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        distinct.addAll(taken);
        assertThat(distinct).as("no buffer handed to two callers").hasSize(taken.size());
        taken.forEach(ScratchBuffers::give);
        assertThat(ScratchBuffers.kept()).isEqualTo(ScratchBuffers.KEPT);
        ScratchBuffers.give(ByteBuffer.allocate(ScratchBuffers.BYTES)); // a heap buffer is not kept
        ScratchBuffers.give(ByteBuffer.allocateDirect(16));               // nor one of another size
        ScratchBuffers.give(null);
        assertThat(ScratchBuffers.kept()).isEqualTo(ScratchBuffers.KEPT);
    }

    @Test
    void aReleasedOutputRefusesWritesSoItCannotScribbleOnTheNextOwnersBuffer() throws Exception {
        Path file = Files.createTempFile("scratch", ".bin");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ChannelOutput out = new ChannelOutput(ch);
            out.write(new byte[] {1, 2, 3});
            out.flush();
            out.release();
            assertThatThrownBy(() -> out.write(4)).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> out.write(new byte[10], 0, 10)).isInstanceOf(IOException.class);
            assertThatThrownBy(out::flush).isInstanceOf(IOException.class);
        } finally {
            assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
            Files.delete(file);
        }
    }
}
