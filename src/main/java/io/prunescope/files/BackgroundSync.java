package io.prunescope.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Flushes a written file to disk ({@code fsync}) on a thread of its own, so that the writer can read the file back
 * and check it meanwhile (issue 13). The sync is mostly waiting for the disk (8–10 ms for a 15 MB model, under 1 ms of
 * CPU) and the check is mostly CPU, so together they take about as long as the longer of the two. Nothing is moved into
 * place before both have finished: {@link AtomicFiles} waits for the sync before the rename, and the check reads the
 * same bytes either way (the kernel serves the read from the pages the sync writes out).
 */
final class BackgroundSync {

    /**
     * Threads for file work nobody needs to wait on here (syncs, {@link ReplacedFile}'s release): they come and go with
     * use (a cached pool); daemons, so they never hold the JVM up at exit.
     */
    static final ExecutorService SYNCS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "prunescope-io");
        t.setDaemon(true);
        return t;
    });

    private final Future<?> done;

    private BackgroundSync(Future<?> done) {
        this.done = done;
    }

    /** Starts {@code channel.force(true)}; the channel must stay open until {@link #await()} has returned. */
    static BackgroundSync start(FileChannel channel) {
        return new BackgroundSync(SYNCS.submit(() -> {
            try {
                channel.force(true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }

    /**
     * Waits until the sync has finished and throws its failure. Waits through interrupts (the caller closes the
     * channel next, which must not happen under a running sync) and keeps the interrupt for the caller.
     */
    void await() throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    done.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof UncheckedIOException io) {
                        throw io.getCause();
                    }
                    throw new IOException("the file could not be flushed to disk: " + cause, cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** {@link #await()} for clean-up after another failure: the sync's own failure no longer matters. */
    void awaitQuietly() {
        try {
            await();
        } catch (IOException e) {
            // the write has already failed for another reason, which the caller reports
        }
    }
}
