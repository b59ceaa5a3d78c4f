package io.prunescope.ui.responsiveness;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Watches the FX thread for stalls and says where they come from. An {@link AnimationTimer} keeps the FX thread
 * pulsing (every 16.7 ms when it is free) and stamps each pulse; a sampler thread wakes every few milliseconds and,
 * once no pulse has come for longer than the threshold, samples the FX thread's stack until the next pulse. The stall
 * is then reported with its duration, what it was made of ({@link StallClocks}: the FX thread's CPU time, its wait
 * for a core, the render thread's CPU time, the garbage collector's pauses) and the samples ({@link StallReport}).
 *
 * <p>Used by {@code --measure-open}. Each stack sample is a JVM safepoint: cheap (microseconds) as long as every
 * thread reaches it quickly, but a thread in a long loop without a safepoint poll (the loading thread copying a
 * 500 MB file, say) holds all others, the FX thread included, until it gets there: sampling can then lengthen the
 * stall it observes. Without sampling the watchdog still reports each stall's duration and clocks (reading them
 * needs no safepoint); benchmarks time with sampling off.
 */
public final class FxStallWatchdog {

    /** A person notices a frozen window from about here on (three missed frames). */
    public static final double DEFAULT_THRESHOLD_MS = 50;
    private static final long SAMPLE_EVERY_MS = 5;

    private final long thresholdNanos;
    private final Consumer<StallReport> onStall;
    private final List<StallReport> reports = new CopyOnWriteArrayList<>();
    private final StallClocks clocks = new StallClocks();
    private final boolean sampleStacks;
    /** The clocks at the last pulse. */
    private volatile StallClocks.Reading last;
    private volatile boolean running;
    private Thread fxThread;
    private Thread sampler;
    private AnimationTimer heartbeat;

    /** {@code onStall} is called on the sampler thread after each stall has ended; stacks are sampled. */
    public FxStallWatchdog(double thresholdMs, Consumer<StallReport> onStall) {
        this(thresholdMs, true, onStall);
    }

    /** {@code sampleStacks} false: durations and CPU time only, no safepoints (see the class comment). */
    public FxStallWatchdog(double thresholdMs, boolean sampleStacks, Consumer<StallReport> onStall) {
        this.sampleStacks = sampleStacks;
        this.thresholdNanos = (long) (thresholdMs * 1e6);
        this.onStall = onStall;
    }

    /** Starts watching; call on the FX thread. */
    public void start() {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("start the watchdog on the FX thread");
        }
        fxThread = Thread.currentThread();
        last = clocks.read();
        running = true;
        heartbeat = new AnimationTimer() {
            @Override
            public void handle(long now) {
                last = clocks.read();
            }
        };
        heartbeat.start();
        sampler = new Thread(this::sample, "prunescope-fx-watchdog");
        sampler.setDaemon(true);
        // it must get a core while the FX thread competes with the workers, or it would miss the stalls it watches
        sampler.setPriority(Thread.MAX_PRIORITY);
        sampler.start();
    }

    /** Stops watching; call on the FX thread. A stall in progress is not reported. */
    public void stop() {
        running = false;
        if (heartbeat != null) {
            heartbeat.stop();
        }
        if (sampler != null) {
            sampler.interrupt();
        }
    }

    /** The stalls reported so far. */
    public List<StallReport> reports() {
        return List.copyOf(reports);
    }

    private void sample() {
        try {
            while (running) {
                Thread.sleep(SAMPLE_EVERY_MS);
                StallClocks.Reading before = last;
                if (System.nanoTime() - before.nanos() <= thresholdNanos) {
                    continue;
                }
                List<StackTraceElement[]> samples = new ArrayList<>();
                while (running && last == before) {
                    if (sampleStacks) {
                        samples.add(fxThread.getStackTrace());
                    }
                    Thread.sleep(SAMPLE_EVERY_MS);
                }
                StallClocks.Reading after = last;
                if (after != before) {
                    StallReport report = StallClocks.stall(before, after, samples);
                    reports.add(report);
                    onStall.accept(report);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
