package io.prunescope.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 10 items 5 and 8: output paths say what is wrong, keep read-only files, get umask permissions, leave no .part. */
class OutputPathsTest {

    @TempDir
    Path dir;

    private long parts() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".part")).count();
        }
    }

    @Test
    void eachBadOutputPathSaysWhichProblemItHas() throws Exception {
        assertThatThrownBy(() -> AtomicFiles.write(Path.of(""), new byte[1]))
                .isInstanceOf(UnsafeOutputException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> AtomicFiles.write(dir, new byte[1]))
                .hasMessageContaining("is a folder");
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        assertThatThrownBy(() -> AtomicFiles.write(file.resolve("out.onnx"), new byte[1]))
                .hasMessageContaining(file + " is a file, not a folder");
        assertThatThrownBy(() -> AtomicFiles.write(dir.resolve("no/such/out.onnx"), new byte[1]))
                .hasMessageContaining("does not exist");
        assertThat(parts()).isZero();
    }

    @Test
    void aReadOnlyFolderIsNamedAndNoTemporaryNameIsShown() throws Exception {
        Path ro = Files.createDirectories(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assertThatThrownBy(() -> AtomicFiles.write(ro.resolve("out.onnx"), new byte[1]))
                    .isInstanceOf(UnsafeOutputException.class).hasMessageContaining("read-only")
                    .hasMessageContaining(ro.toString()).hasMessageNotContaining(".part");
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void anExistingReadOnlyTargetIsKept() throws Exception {
        Path target = Files.writeString(dir.resolve("keep.onnx"), "precious");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r--r--r--"));
        assertThatThrownBy(() -> AtomicFiles.write(target, new byte[] {1, 2}))
                .isInstanceOf(UnsafeOutputException.class).hasMessageContaining("read-only")
                .hasMessageContaining("keep.onnx");
        assertThat(target).hasContent("precious");
        assertThat(parts()).isZero();
    }

    @Test
    void writtenFilesGetTheUsualPermissionsNotOwnerOnly() throws Exception {
        Path out = dir.resolve("out.csv");
        AtomicFiles.write(out, new byte[] {1});
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(out);
        // Under any usual umask (022, 002) others may read; Files.createTempFile would have given 0600.
        Path probe = Files.createFile(dir.resolve("probe"));
        assertThat(perms).isEqualTo(Files.getPosixFilePermissions(probe));
        assertThat(perms).contains(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void stalePartsOfDeadProcessesAreSweptAndLiveOnesKept() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Path stale = Files.writeString(dir.resolve(".out.onnx.ps-" + dead.pid() + "-0123456789ab.part"), "old");
        Path live = Files.writeString(dir.resolve(".out.onnx.ps-" + ProcessHandle.current().pid()
                + "-0123456789ab.part"), "being written");
        Path foreign = Files.writeString(dir.resolve("download.part"), "not ours");
        AtomicFiles.write(dir.resolve("out.onnx"), new byte[] {1});
        assertThat(stale).doesNotExist();
        assertThat(live).exists();
        assertThat(foreign).exists();
    }

    @Test
    void aFolderIsSweptOnceAProcessSoRepeatedExportsDoNotListItAgain() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Path first = Files.writeString(dir.resolve(".a.onnx.ps-" + dead.pid() + "-0123456789ab.part"), "old");
        AtomicFiles.write(dir.resolve("a.onnx"), new byte[] {1});
        assertThat(first).doesNotExist();
        // A part file that went stale after this process's first write there stays until the next run's first write.
        Path later = Files.writeString(dir.resolve(".b.onnx.ps-" + dead.pid() + "-0123456789ab.part"), "old");
        AtomicFiles.write(dir.resolve("b.onnx"), new byte[] {2});
        assertThat(later).exists();
        assertThat(PartFiles.sweepStale(dir)).isEqualTo(1);
        assertThat(later).doesNotExist();
    }

    @Test
    void sigtermDuringAWriteLeavesNoPartFile() throws Exception {
        Path out = dir.resolve("big.onnx");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                SlowWriteMain.class.getName(), out.toString()).redirectErrorStream(true).start();
        try {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream())).readLine();
            assertThat(line).isEqualTo("writing");
            assertThat(parts()).isEqualTo(1);
            child.destroy(); // SIGTERM
            assertThat(child.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(parts()).isZero();
        assertThat(out).doesNotExist();
    }
}
