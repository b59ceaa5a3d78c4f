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
    void aWriteTheSystemRefusesPartWayKeepsThePreviousFile() throws Exception {
        // A real failed write(2), not an exception thrown by the test's content: the child runs under a 1 MiB
        // file-size limit (EFBIG, the same path as a full disk's ENOSPC) and writes 8 MiB.
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        Path f = dir.resolve("model.onnx");
        Files.writeString(f, "the previous export");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder("/bin/bash", "-c", "ulimit -f 1024 && exec \"$0\" -cp \"$1\" \"$2\" \"$3\"",
                javaBin, System.getProperty("java.class.path"), LimitedWriteMain.class.getName(), f.toString())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("failed: cannot write").contains("File too large");
        assertThat(f).hasContent("the previous export");
        assertThat(partFiles()).isZero();
    }

    @Test
    void aCheckThatFailsWhileTheSyncRunsLeavesNoFileAndKeepsThePreviousOne() throws Exception {
        Path f = dir.resolve("g.bin");
        Files.writeString(f, "keep me");
        byte[] big = new byte[4 << 20];
        new java.util.Random(5).nextBytes(big);
        Path[] seen = new Path[1];
        assertThatThrownBy(() -> AtomicFiles.write(f, out -> out.write(big), written -> {
            seen[0] = written;
            // the check reads everything that was written, whether or not the sync has reached the disk yet
            assertThat(Files.readAllBytes(written)).isEqualTo(big);
            throw new IOException("does not read back");
        })).hasMessage("does not read back");
        assertThat(seen[0]).doesNotExist();
        assertThat(f).hasContent("keep me");
        assertThat(partFiles()).isZero();
        AtomicFiles.write(f, big);
        assertThat(Files.readAllBytes(f)).isEqualTo(big);
    }

    @Test
    void theReplacedFileIsHeldOnlyWhenItIsARegularFile() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(System.getProperty("os.name").startsWith("Windows"));
        Path file = Files.writeString(dir.resolve("old.onnx"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.onnx"), file);
        try (ReplacedFile held = ReplacedFile.hold(file); ReplacedFile viaLink = ReplacedFile.hold(link);
             ReplacedFile missing = ReplacedFile.hold(dir.resolve("none.onnx"));
             ReplacedFile folder = ReplacedFile.hold(dir)) {
            assertThat(held.holds()).isTrue();
            assertThat(viaLink.holds()).isFalse();
            assertThat(missing.holds()).isFalse();
            assertThat(folder.holds()).isFalse();
        }
    }

    @Test
    void replacingALargeFileLeavesTheNewBytesAndNoPart() throws Exception {
        // the old file is held open across the rename and let go of on another thread (ReplacedFile)
        Path f = dir.resolve("big.onnx");
        byte[] old = new byte[6 << 20];
        java.util.Arrays.fill(old, (byte) 1);
        AtomicFiles.write(f, old);
        for (int round = 2; round < 5; round++) {
            byte[] next = new byte[(5 << 20) + round];
            java.util.Arrays.fill(next, (byte) round);
            AtomicFiles.write(f, next);
            assertThat(Files.readAllBytes(f)).isEqualTo(next);
        }
        assertThat(partFiles()).isZero();
    }

    @Test
    void aRenameThatFailsLeavesNoPartFile() throws Exception {
        Path f = dir.resolve("h.bin");
        Files.writeString(f, "old");
        // after the checks and the read-back, the target becomes a non-empty folder: the rename over it fails
        assertThatThrownBy(() -> AtomicFiles.write(f, out -> out.write(1), written -> {
            Files.delete(f);
            Files.createDirectories(f.resolve("inside"));
        })).isInstanceOf(IOException.class).hasMessageContaining("cannot write");
        assertThat(f.resolve("inside")).isDirectory();
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
