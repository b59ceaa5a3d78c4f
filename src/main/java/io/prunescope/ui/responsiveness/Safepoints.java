package io.prunescope.ui.responsiveness;

import java.lang.reflect.Method;
import java.util.Locale;

/**
 * The time HotSpot held every Java thread at safepoints, and the time it spent before that waiting for the threads
 * to reach them (the threads that had already stopped wait too): read from HotSpot's own counters
 * ({@code sun.management.HotspotRuntimeMBean}, the numbers behind {@code -Xlog:safepoint}).
 *
 * <p>Why not only {@link GcPauses}: a safepoint stops the FX and render threads whatever asked for it, and on JDK 17
 * much of that time is invisible to the collector beans: G1's remark and cleanup pauses, the JIT's
 * {@code ICBufferFull} safepoints (15–17 per open, measured), and above all the wait to <em>reach</em> a safepoint.
 * A thread inside one long VM operation does not answer until it is done; allocating a 531 MB array (VGG-11-BN's
 * file) on memory the process had not touched took 150–210 ms of zeroing, and a safepoint asked for meanwhile held the
 * FX thread that long (time-to-interactive.md, eighth round).
 *
 * <p>The counters live in an internal package: the launchers open it ({@code --add-exports
 * java.management/sun.management=ALL-UNNAMED}, and the jar's manifest for {@code java -jar}). Without that, or on a
 * JVM without them, every reading is -1 and the stall lines leave the figure out.
 */
public final class Safepoints {

    private static final Safepoints JVM = of("sun.management.ManagementFactoryHelper",
            "sun.management.HotspotRuntimeMBean");

    private final Object bean;
    private final Method total;
    private final Method sync;
    private final Method count;

    private Safepoints(Object bean, Method total, Method sync, Method count) {
        this.bean = bean;
        this.total = total;
        this.sync = sync;
        this.count = count;
    }

    /** This JVM's counters (unavailable if the package is not exported to us). */
    public static Safepoints jvm() {
        return JVM;
    }

    /** The counters found through {@code helperClass.getHotspotRuntimeMBean()}; package-private for tests. */
    static Safepoints of(String helperClass, String beanInterface) {
        try {
            Object bean = Class.forName(helperClass).getMethod("getHotspotRuntimeMBean").invoke(null);
            Class<?> api = Class.forName(beanInterface);
            Safepoints s = new Safepoints(bean, api.getMethod("getTotalSafepointTime"),
                    api.getMethod("getSafepointSyncTime"), api.getMethod("getSafepointCount"));
            s.read(s.total); // fails here, once, if the package is not exported
            return s;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return new Safepoints(null, null, null, null);
        }
    }

    public boolean available() {
        return bean != null;
    }

    /** Milliseconds all threads were held at safepoints since the JVM started, once they had reached them, or -1. */
    public long totalMillis() {
        return read(total);
    }

    /**
     * Milliseconds spent waiting for the threads to reach the safepoints since the JVM started, or -1: not part of
     * {@link #totalMillis}, and the threads that stopped first are held during it as well.
     */
    public long reachingMillis() {
        return read(sync);
    }

    /** Safepoints since the JVM started, or -1. */
    public long count() {
        return read(count);
    }

    /** The counters now; {@link Mark#describeSince} later says what came in between. */
    public Mark mark() {
        return new Mark(this, count(), totalMillis(), reachingMillis());
    }

    /** The counters at one moment (-1 each where unavailable), and whose they are. */
    public record Mark(Safepoints source, long count, long millis, long reaching) {

        /** e.g. "3 safepoints, 3 ms (reaching them 194 ms)" since this mark; empty when unavailable. */
        public String describeSince() {
            Mark now = source.mark();
            if (count < 0 || now.count < 0) {
                return "";
            }
            return String.format(Locale.ROOT, "%d safepoints, %d ms (reaching them %d ms)", now.count - count,
                    now.millis - millis, now.reaching - reaching);
        }
    }

    private long read(Method m) {
        if (bean == null) {
            return -1;
        }
        try {
            return ((Number) m.invoke(bean)).longValue();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
