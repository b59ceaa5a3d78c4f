package io.prunescope.cli;

import io.prunescope.task.Progress;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Says on stderr which phase of a long command is running (loading, analysing, scoring, building the ONNX Runtime
 * session, writing), so that a model of 50,000 layers does not look hung. Quick phases print nothing: a phase is
 * announced only once it has run for {@code quietMillis}, then again every {@code repeatMillis} with the time so far,
 * so ordinary runs keep a clean stderr.
 */
final class PhaseReporter implements AutoCloseable {

    static final long QUIET_MILLIS = 2_000;
    static final long REPEAT_MILLIS = 15_000;

    private final PrintWriter err;
    private final long quietMillis;
    private final long repeatMillis;
    private final ScheduledExecutorService timer;
    private ScheduledFuture<?> pending;
    private String current;

    PhaseReporter(PrintWriter err) {
        this(err, QUIET_MILLIS, REPEAT_MILLIS);
    }

    PhaseReporter(PrintWriter err, long quietMillis, long repeatMillis) {
        this.err = err;
        this.quietMillis = quietMillis;
        this.repeatMillis = repeatMillis;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "prunescope-phase");
            t.setDaemon(true);
            return t;
        });
    }

    /** The command now runs {@code phase} ("loading model.onnx"); ends the previous phase. */
    synchronized void begin(String phase) {
        if (phase.equals(current)) {
            return;
        }
        cancelPending();
        current = phase;
        long started = System.nanoTime();
        pending = timer.scheduleAtFixedRate(() -> announce(phase, started), quietMillis, repeatMillis,
                TimeUnit.MILLISECONDS);
    }

    /** Phase messages of a {@link Progress} (the verifier's, the workspace's) become phases here. */
    Progress asProgress() {
        return (done, total, message) -> {
            if (message != null && !message.isBlank() && !message.equals("done")) {
                begin(message);
            }
        };
    }

    private void announce(String phase, long started) {
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        synchronized (err) {
            err.println("… " + phase + (seconds >= 1 ? " (" + seconds + " s)" : ""));
            err.flush();
        }
    }

    private void cancelPending() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    @Override
    public synchronized void close() {
        cancelPending();
        current = null;
        timer.shutdownNow();
    }
}
