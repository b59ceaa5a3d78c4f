package io.prunescope.onnx;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The reader copies the file in chunks through a native buffer ({@link FileBytes}) (issue 13): the copy must hold the
 * file's bytes, across chunk boundaries, and a file cut short while it is read must end in a message, not a crash.
 */
class FileReadTest {

    @TempDir
    Path dir;

    @Test
    void theCopyHoldsExactlyTheFilesBytes() throws Exception {
        byte[] bytes = new byte[3 * (1 << 20) + 17];
        new Random(5).nextBytes(bytes);
        Path file = dir.resolve("m.bin");
        Files.write(file, bytes);
        assertThat(FileBytes.read(file, bytes.length)).isEqualTo(bytes);
        assertThat(FileBytes.read(file, 5)).containsExactly(java.util.Arrays.copyOf(bytes, 5));
    }

    @Test
    void aFileShorterThanItsSizeSaidIsReportedNotACrash() throws Exception {
        Path file = dir.resolve("m.bin");
        Files.write(file, new byte[(2 << 20) + 3]);
        // The size was taken before another program wrote the file anew, shorter.
        assertThatThrownBy(() -> FileBytes.read(file, 8 << 20))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("shrank to " + ((2 << 20) + 3) + " bytes while it was read");
    }
}
