package io.prunescope.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicFilesTest {

    @TempDir
    Path dir;

    private long partFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".part")).count();
        }
    }

    @Test
    void writesAndReplaces() throws Exception {
        Path f = dir.resolve("a.txt");
        AtomicFiles.write(f, "one".getBytes(StandardCharsets.UTF_8));
        assertThat(f).hasContent("one");
        AtomicFiles.write(f, "two!".getBytes(StandardCharsets.UTF_8));
        assertThat(f).hasContent("two!");
        assertThat(partFiles()).isZero();
    }

    @Test
    void verifierSeesTheTemporaryFileInTheTargetFolder() throws Exception {
        Path f = dir.resolve("b.bin");
        Path[] seen = new Path[1];
        AtomicFiles.write(f, out -> out.write(new byte[]{1, 2, 3}), written -> {
            seen[0] = written;
            assertThat(Files.readAllBytes(written)).containsExactly(1, 2, 3);
            assertThat(f).doesNotExist(); // not in place before it is verified
        });
        assertThat(seen[0].getParent()).isEqualTo(dir.toAbsolutePath());
        assertThat(seen[0].getFileName().toString()).endsWith(".part");
        assertThat(seen[0]).doesNotExist();
        assertThat(Files.readAllBytes(f)).containsExactly(1, 2, 3);
    }

    @Test
    void failedVerificationLeavesNoFileAndNoPart() throws Exception {
        Path f = dir.resolve("c.bin");
        assertThatThrownBy(() -> AtomicFiles.write(f, out -> out.write(7), written -> {
            throw new IOException("bad bytes");
        })).isInstanceOf(IOException.class).hasMessage("bad bytes");
        assertThat(f).doesNotExist();
        assertThat(partFiles()).isZero();
    }

    @Test
    void failedWriteKeepsThePreviousFile() throws Exception {
        Path f = dir.resolve("d.txt");
        Files.writeString(f, "keep me");
        assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }, written -> { })).hasMessage("disk full");
        assertThat(f).hasContent("keep me");
        assertThat(partFiles()).isZero();
        assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
            throw new IllegalStateException("bug");
        }, written -> { })).isInstanceOf(IllegalStateException.class);
        assertThat(f).hasContent("keep me");
        assertThat(partFiles()).isZero();
    }

    @Test
    void missingFolderFailsClearly() {
        Path f = dir.resolve("missing/e.txt");
        assertThatThrownBy(() -> AtomicFiles.write(f, new byte[]{1}))
                .isInstanceOf(IOException.class).hasMessageContaining("does not exist")
                .hasMessageContaining("missing");
    }

    @Test
    void aFolderIsNotOverwritten() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Files.writeString(sub.resolve("inside.txt"), "x");
        assertThatThrownBy(() -> AtomicFiles.write(sub, new byte[]{1})).isInstanceOf(IOException.class);
        assertThat(sub.resolve("inside.txt")).hasContent("x");
        assertThat(partFiles()).isZero();
    }

    @Test
    void sameFileSeesThroughLinksAndRelativePaths() throws Exception {
        Path f = Files.writeString(dir.resolve("f.txt"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("l.txt"), f);
        assertThat(AtomicFiles.sameFile(f, link)).isTrue();
        assertThat(AtomicFiles.sameFile(f, dir.resolve("./sub/../f.txt"))).isTrue();
        assertThat(AtomicFiles.sameFile(f, Path.of("").toAbsolutePath().relativize(f))).isTrue();
        assertThat(AtomicFiles.sameFile(f, dir.resolve("other.txt"))).isFalse();
    }
}
