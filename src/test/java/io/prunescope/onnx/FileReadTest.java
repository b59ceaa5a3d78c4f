package io.prunescope.onnx;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The reader copies the file through a short-lived mapping ({@link FileBytes}) (issue 13): the copy must hold the file's bytes, and a file
 * cut short under the mapping must end in an exception the reader reports, not in a crash of the JVM.
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
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "the reader does not map on Windows; truncating is refused there")
    void aFileCutShortUnderTheMappingIsReportedNotACrashNorAnErrorLater() throws Exception {
        Path file = dir.resolve("m.bin");
        Files.write(file, new byte[8 << 20]);
        for (int round = 0; round < 30; round++) { // interpreted, then compiled: the JVM reports the fault differently
            Files.write(file, new byte[8 << 20]);
            assertThatThrownBy(() -> FileBytes.read(file, 8 << 20, () -> truncate(file)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("while it was read");
        }
        // and the JVM lives on: the truncated file reads normally
        assertThat(FileBytes.read(file, 4096)).isEqualTo(new byte[4096]);
    }

    private static void truncate(Path file) {
        try (FileChannel writer = FileChannel.open(file, StandardOpenOption.WRITE)) {
            writer.truncate(4096); // as another program writing the file anew does
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
