package io.prunescope.files;

import io.prunescope.task.Steps;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that a crash or a full disk never leaves a half-written result in place: the bytes go to a
 * temporary file in the target's own folder, are flushed to disk and checked (the check runs while the flush waits
 * for the disk, {@link BackgroundSync}), and only when both have finished is the file moved over the target.
 * The target is checked first ({@link OutputPaths}); the temporary file is created with the process's default
 * permissions (so the result gets the usual umask, not the 0600 of {@link Files#createTempFile}), removed by a
 * shutdown hook if the JVM is stopped mid-write, and stale ones of earlier runs are swept ({@link PartFiles}).
 * Commands write through a {@link GuardedWriter}, which also keeps inputs and duplicate outputs safe.
 */
public final class AtomicFiles {

    /** Checks the bytes that landed in the temporary file before they replace the target. */
    @FunctionalInterface
    public interface Verifier {
        void verify(Path written) throws IOException;
    }

    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes), written -> {
            if (Files.size(written) != bytes.length) {
                throw new IOException("wrote " + Files.size(written) + " bytes instead of " + bytes.length);
            }
        });
    }

    public static void write(Path target, Content content, Verifier verifier) throws IOException {
        write(target, content, verifier, Steps.NONE);
    }

    public static void write(Path target, Content content, Verifier verifier, Steps phases) throws IOException {
        Path absolute = OutputPaths.check(target);
        PartFiles.sweepStaleOnce(absolute.getParent());
        Path tmp = PartFiles.nameFor(absolute);
        PartFiles.track(tmp);
        FileChannel ch = null;
        BackgroundSync sync = null;
        try {
            try {
                ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                phases.finished("open");
                ChannelOutput out = new ChannelOutput(ch);
                try {
                    content.writeTo(out);
                    out.flush();
                } finally {
                    out.release();
                }
                phases.finished("write");
            } catch (FileSystemException e) {
                throw new IOException("cannot write " + target + ": " + reason(e), e);
            }
            // the fsync (waiting for the disk) runs while this thread reads the file back (CPU): see BackgroundSync
            sync = BackgroundSync.start(ch);
            verifier.verify(tmp);
            phases.finished("verify");
            BackgroundSync flushing = sync;
            sync = null;
            try {
                flushing.await();
            } catch (FileSystemException e) {
                throw new IOException("cannot write " + target + ": " + reason(e), e);
            }
            phases.finished("fsync");
            ch.close();
            // the file being replaced is freed by a background thread, not inside the rename (ReplacedFile)
            try (ReplacedFile previous = ReplacedFile.hold(absolute)) {
                try {
                    Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
                } catch (FileSystemException e) {
                    throw new IOException("cannot write " + target + ": " + reason(e), e);
                }
                previous.releaseInBackground();
            }
            phases.finished("move");
        } finally {
            try {
                if (sync != null) {
                    sync.awaitQuietly(); // a failed check: the channel must not close under the running sync
                }
                if (ch != null) {
                    ch.close();
                }
            } finally {
                try {
                    Files.deleteIfExists(tmp);
                } finally {
                    PartFiles.untrack(tmp);
                }
            }
        }
    }

    /** The operating system's reason without the file names (which would show our temporary file). */
    private static String reason(FileSystemException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
    }

    /**
     * True when both paths name the same file: the same absolute path once {@code .} and {@code ..} are taken out,
     * the same real path through symbolic links, or the same file through hard links. Errs on the side of "same".
     */
    public static boolean sameFile(Path a, Path b) {
        return FileIdentity.of(a).sameAs(FileIdentity.of(b));
    }
}
