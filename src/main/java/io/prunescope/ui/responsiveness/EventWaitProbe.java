package io.prunescope.ui.responsiveness;

import javafx.application.Platform;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How long an event waits for the FX thread: a probe thread hands the FX thread a tiny task every few milliseconds
 * ({@link Platform#runLater}, the queue input is dispatched from too) and records how long each waited until it ran.
 * The next probe is posted only once the previous one ran, so a blocked FX thread is measured by one long wait.
 *
 * <p>This separates two things the gap between frames mixes (issue 13's time to interactive): a gap while the FX
 * thread is free — idle in its event loop because the render thread is still painting the previous frame, the case
 * on a machine without a GPU where JavaFX paints in software — from a gap the FX thread is busy or blocked for, when a
 * click would wait too. On Linux, Glass (GTK) dispatches pending input ahead of these tasks, so there a probe's wait
 * bounds an input event's from above.
 */
public final class EventWaitProbe {

    private static final long PROBE_EVERY_MS = 5;

    private final long thresholdNanos;
    private final AtomicLong longestNanos = new AtomicLong();
    private final AtomicLong over = new AtomicLong();
    private final AtomicLong probes = new AtomicLong();
    private final AtomicReference<Thread> thread = new AtomicReference<>();
    private volatile boolean running;

    /** Waits longer than {@code thresholdMs} are counted ({@link #countOverThreshold}). */
    public EventWaitProbe(double thresholdMs) {
        this.thresholdNanos = (long) (thresholdMs * 1e6);
    }

    /** Starts probing (from any thread); a second start while running does nothing. */
    public void start() {
        if (running) {
            return;
        }
        running = true;
        Thread t = new Thread(this::probe, "prunescope-event-wait-probe");
        t.setDaemon(true);
        // it must post on time while the FX thread competes with the workers, or it would measure its own lateness
        t.setPriority(Thread.MAX_PRIORITY);
        thread.set(t);
        t.start();
    }

    /** Stops probing; a probe still queued is not counted. */
    public void stop() {
        running = false;
        Thread t = thread.getAndSet(null);
        if (t != null) {
            t.interrupt();
        }
    }

    /** The longest wait of a probe that ran, in milliseconds. */
    public double longestMs() {
        return longestNanos.get() / 1e6;
    }

    /** How many probes waited longer than the threshold. */
    public long countOverThreshold() {
        return over.get();
    }

    /** How many probes ran. */
    public long probesRun() {
        return probes.get();
    }

    private void probe() {
        try {
            while (running) {
                long posted = System.nanoTime();
                AtomicLong ranAt = new AtomicLong();
                Platform.runLater(() -> ranAt.set(System.nanoTime()));
                while (running && ranAt.get() == 0) {
                    Thread.sleep(1);
                }
                if (ranAt.get() != 0) {
                    record(ranAt.get() - posted);
                }
                Thread.sleep(PROBE_EVERY_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void record(long waitNanos) {
        probes.incrementAndGet();
        longestNanos.accumulateAndGet(waitNanos, Math::max);
        if (waitNanos > thresholdNanos) {
            over.incrementAndGet();
        }
    }
}
