package io.prunescope.ui.responsiveness;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * The clocks that say what a stall of the FX thread was made of, read at every pulse on the FX thread: its own CPU
 * time, its wait for a core ({@link RunQueueWait}), the render thread's CPU time (without a GPU every frame is
 * painted in software there, and the FX thread's next pulse waits for it) and the garbage collector's pause time
 * ({@link GcPauses}), and the time all threads were held at safepoints and spent reaching them ({@link Safepoints}).
 * Reading them needs no safepoint (only the first reading looks the render thread up). A clock
 * the JVM or the system does not offer reads -1 and the stall reports it as unknown.
 */
final class StallClocks {

    /** The clocks at one moment (one object, so they are read together). */
    record Reading(long nanos, long fxCpuNanos, long fxCoreWaitNanos, long renderCpuNanos, long gcPauseMillis,
                   long safepointMillis, long safepointReachingMillis) {
    }

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final boolean cpuTime = threads.isCurrentThreadCpuTimeSupported();
    private final boolean otherCpuTime = threads.isThreadCpuTimeSupported();
    private final Safepoints safepoints = Safepoints.jvm();
    /** JavaFX's render thread, looked up once (listing the threads is a VM operation: not at every pulse). */
    private long renderThreadId = -1;
    private boolean renderThreadLookedUp;

    /** Reads the clocks; call on the FX thread. */
    Reading read() {
        if (!renderThreadLookedUp) {
            renderThreadId = findRenderThread();
            renderThreadLookedUp = true;
        }
        return new Reading(System.nanoTime(), cpuTime ? threads.getCurrentThreadCpuTime() : -1,
                RunQueueWait.ofCurrentThread(),
                otherCpuTime && renderThreadId >= 0 ? threads.getThreadCpuTime(renderThreadId) : -1,
                GcPauses.totalMillis(), safepoints.totalMillis(), safepoints.reachingMillis());
    }

    /** The stall from {@code before} to {@code after}: each clock's share of it, NaN where a clock is unknown. */
    static StallReport stall(Reading before, Reading after, List<StackTraceElement[]> samples) {
        return new StallReport((after.nanos() - before.nanos()) / 1e6,
                millisBetween(before.fxCpuNanos(), after.fxCpuNanos(), 1e6),
                millisBetween(before.fxCoreWaitNanos(), after.fxCoreWaitNanos(), 1e6),
                millisBetween(before.renderCpuNanos(), after.renderCpuNanos(), 1e6),
                millisBetween(before.gcPauseMillis(), after.gcPauseMillis(), 1),
                millisBetween(before.safepointMillis(), after.safepointMillis(), 1),
                millisBetween(before.safepointReachingMillis(), after.safepointReachingMillis(), 1),
                samples);
    }

    /** Milliseconds from {@code before} to {@code after} of a clock, NaN if either reading is unknown. */
    private static double millisBetween(long before, long after, double unitsPerMilli) {
        return before < 0 || after < 0 ? Double.NaN : (after - before) / unitsPerMilli;
    }

    /** JavaFX's render thread ("QuantumRenderer-0", started with the toolkit), or -1 if there is none. */
    private long findRenderThread() {
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds(), 0)) {
            if (info != null && info.getThreadName().startsWith("QuantumRenderer")) {
                return info.getThreadId();
            }
        }
        return -1;
    }
}
