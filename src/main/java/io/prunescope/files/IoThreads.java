package io.prunescope.files;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The threads that wait on the disk for a writer ({@link BackgroundSync}, {@link ChannelOutput}'s background writes),
 * so that the writer's own thread goes on with CPU work meanwhile. A cached pool: threads come with use and end after a
 * minute idle; daemons, so they never hold the JVM up at exit.
 */
final class IoThreads {

    /** A piece of file work that may fail with an {@link IOException}. */
    @FunctionalInterface
    interface IoWork {
        void run() throws IOException;
    }

    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "prunescope-io");
        t.setDaemon(true);
        return t;
    });

    private IoThreads() {
    }

    static Future<?> submit(IoWork work) {
        return POOL.submit(() -> {
            try {
                work.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Waits until {@code work} has finished and throws its failure. Waits through interrupts, because the caller's
     * next step (closing the channel, reusing the buffer) must not happen under running work; an interrupted wait
     * then fails with {@link InterruptedIOException} and keeps the thread's interrupt.
     */
    static void await(Future<?> work) throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    work.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof UncheckedIOException io) {
                        throw io.getCause();
                    }
                    throw new IOException("file work failed: " + cause, cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (interrupted) {
            throw new InterruptedIOException("interrupted while writing");
        }
    }

    /** {@link #await(Future)} for clean-up after another failure: this work's own failure no longer matters. */
    static void awaitQuietly(Future<?> work) {
        if (work == null) {
            return;
        }
        try {
            await(work);
        } catch (IOException e) {
            // the caller is already failing for another reason, which it reports
        }
    }

    /**
     * A refused write(2) or fsync (full disk, file-size limit, I/O error) comes as a bare IOException whose message is
     * the system's reason: marked as the file system's, so that the writer reports it with the target's name.
     */
    static IOException asFileSystemFailure(IOException e) {
        if (e instanceof FileSystemException || e instanceof InterruptedIOException) {
            return e;
        }
        return (IOException) new FileSystemException(null, null, e.getMessage()).initCause(e);
    }
}
