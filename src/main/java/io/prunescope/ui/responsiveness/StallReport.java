package io.prunescope.ui.responsiveness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One stall of the FX thread: how long no pulse came, what that time was made of, and the stacks sampled while it
 * lasted.
 *
 * <p>The causes are told apart: a stall with the FX thread on CPU almost all the time is work on the FX thread (the
 * samples say which); time waiting for a core is the FX thread ready to run but starved by other threads (the JIT's
 * compilers, the render thread, the workers); the rest it was blocked: by the render thread still painting the
 * previous frame (its CPU time says how busy it was), by a garbage collection's pause, a lock or a safepoint. The
 * safepoint figures cover every reason the JVM held all threads (collections included): the time held at them, and
 * before that the time spent waiting for the last threads to reach them, when the FX thread is held too; a long wait
 * there is one long VM operation in another thread.
 *
 * @param durationMs  wall time between the two pulses around the stall
 * @param fxCpuMs     CPU time the FX thread used in that interval, or NaN where the JVM cannot measure it
 * @param coreWaitMs  time the FX thread was ready to run but had no core in that interval, or NaN where unknown
 *                    (Linux only)
 * @param renderCpuMs CPU time JavaFX's render thread used in that interval, or NaN where unknown
 * @param gcPauseMs   the garbage collector's pause time in that interval (see {@link StallClocks}), or NaN
 * @param safepointMs time all threads were held at safepoints in that interval ({@link Safepoints}), or NaN where
 *                    the JVM's counters are not open to us
 * @param safepointReachingMs time spent waiting for the threads to reach those safepoints (not part of
 *                    {@code safepointMs}), or NaN
 * @param samples     the FX thread's stack, sampled every few milliseconds during the stall (innermost frame first)
 */
public record StallReport(double durationMs, double fxCpuMs, double coreWaitMs, double renderCpuMs, double gcPauseMs,
                          double safepointMs, double safepointReachingMs, List<StackTraceElement[]> samples) {

    public StallReport {
        samples = List.copyOf(samples);
    }

    /** Where the stall's samples were, most frequent first: each place with its share of the samples. */
    public List<Place> places() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (StackTraceElement[] stack : samples) {
            counts.merge(StackPlaces.describe(stack), 1, Integer::sum);
        }
        List<Place> out = new ArrayList<>();
        counts.forEach((where, n) -> out.add(new Place(where, n / (double) samples.size())));
        out.sort(Comparator.comparingDouble(Place::share).reversed());
        return out;
    }

    /**
     * One line for a log or a bug report, e.g. {@code stall 81 ms (FX thread on CPU 12 ms, waiting for a core 9 ms;
     * render thread on CPU 48 ms; GC pauses 6 ms; safepoints 14 ms, reaching them 3 ms), 16 samples: 55 %
     * LayerTree.build(LayerTree.java:40) [layout]; 30 % …}; at most {@code maxPlaces} places. Clocks that are
     * unknown are left out (the FX thread's CPU shows "?").
     */
    public String describe(int maxPlaces) {
        String cpu = Double.isNaN(fxCpuMs) ? "?" : String.format(Locale.ROOT, "%.0f ms", fxCpuMs);
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "stall %.0f ms (FX thread on CPU %s",
                durationMs, cpu));
        appendKnown(s, ", waiting for a core ", coreWaitMs);
        appendKnown(s, "; render thread on CPU ", renderCpuMs);
        appendKnown(s, "; GC pauses ", gcPauseMs);
        appendKnown(s, "; safepoints ", safepointMs);
        if (!Double.isNaN(safepointMs)) {
            appendKnown(s, ", reaching them ", safepointReachingMs);
        }
        s.append(String.format(Locale.ROOT, "), %d samples", samples.size()));
        List<Place> places = places();
        for (int i = 0; i < Math.min(maxPlaces, places.size()); i++) {
            s.append(i == 0 ? ": " : "; ").append(String.format(Locale.ROOT, "%.0f %% %s", 100 * places.get(i).share(),
                    places.get(i).where()));
        }
        return s.toString();
    }

    /**
     * For each of the {@code maxPlaces} most frequent places, one sampled stack taken there (innermost first, at
     * most {@code depth} frames): the call path that led to it, for a bug report.
     */
    public String stacks(int maxPlaces, int depth) {
        StringBuilder s = new StringBuilder();
        List<Place> places = places();
        for (int i = 0; i < Math.min(maxPlaces, places.size()); i++) {
            String where = places.get(i).where();
            StackTraceElement[] stack = samples.stream().filter(t -> StackPlaces.describe(t).equals(where))
                    .findFirst().orElseThrow();
            s.append(String.format(Locale.ROOT, "    %.0f %% %s%n", 100 * places.get(i).share(), where));
            for (int f = 0; f < Math.min(depth, stack.length); f++) {
                s.append("        at ").append(stack[f]).append(System.lineSeparator());
            }
        }
        return s.toString();
    }

    private static void appendKnown(StringBuilder s, String label, double ms) {
        if (!Double.isNaN(ms)) {
            s.append(label).append(String.format(Locale.ROOT, "%.0f ms", ms));
        }
    }

    /** A place in the code and the share of samples found there. */
    public record Place(String where, double share) {
    }
}
