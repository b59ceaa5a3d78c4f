package io.prunescope.ui.responsiveness;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/**
 * The garbage collector's stop-the-world pauses between two moments: how many and how long, from the JVM's collector
 * beans. Every thread stops in a pause, the FX and render threads too, so a pause inside a frame lengthens it
 * (time-to-interactive.md, seventh round). JDK 17's G1 counts its young and full collections here, not its remark and
 * cleanup pauses (a few milliseconds each); ZGC's and Shenandoah's "Cycles" beans count concurrent work, which stops
 * nobody, and are left out.
 */
public final class GcPauses {

    private static final List<GarbageCollectorMXBean> PAUSING = ManagementFactory.getGarbageCollectorMXBeans()
            .stream().filter(GcPauses::countsPauses).toList();

    private final long count;
    private final long millis;

    private GcPauses(long count, long millis) {
        this.count = count;
        this.millis = millis;
    }

    /** The pauses so far; {@link #describeSince} later says what came in between. */
    public static GcPauses now() {
        return new GcPauses(total(true), total(false));
    }

    /** e.g. "3 pauses, 41 ms" since {@link #now}; empty when the collectors do not say. */
    public String describeSince() {
        long c = total(true);
        long t = total(false);
        if (c < 0 || t < 0 || count < 0 || millis < 0) {
            return "";
        }
        long n = c - count;
        return String.format(Locale.ROOT, "%d %s, %d ms", n, n == 1 ? "pause" : "pauses", t - millis);
    }

    /** Milliseconds of pauses since the JVM started, or -1 where no collector says. */
    static long totalMillis() {
        return total(false);
    }

    static boolean countsPauses(GarbageCollectorMXBean collector) {
        String name = collector.getName();
        return !name.contains("Cycles") && !name.contains("Concurrent");
    }

    private static long total(boolean counts) {
        if (PAUSING.isEmpty()) {
            return -1;
        }
        long sum = 0;
        for (GarbageCollectorMXBean c : PAUSING) {
            long v = counts ? c.getCollectionCount() : c.getCollectionTime();
            if (v < 0) {
                return -1;
            }
            sum += v;
        }
        return sum;
    }
}
