package io.prunescope.ui.responsiveness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One stall of the FX thread: how long no pulse came, how much of that time the FX thread itself was on a CPU (the
 * rest it waited: starved by other threads, or blocked), and the stacks sampled while it lasted.
 *
 * <p>The CPU share tells the two causes apart: a stall with the FX thread on CPU almost all the time is work on the FX
 * thread (the samples say which); one with little CPU is the FX thread not getting a core (too many busy workers) or
 * waiting on a lock.
 *
 * @param durationMs wall time between the two pulses around the stall
 * @param fxCpuMs    CPU time the FX thread used in that interval, or NaN where the JVM cannot measure it
 * @param samples    the FX thread's stack, sampled every few milliseconds during the stall (innermost frame first)
 */
public record StallReport(double durationMs, double fxCpuMs, List<StackTraceElement[]> samples) {

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
     * One line for a log or a bug report, e.g. {@code stall 812 ms (FX thread on CPU 640 ms), 80 samples: 55 %
     * LayerTree.build(LayerTree.java:40) [layout]; 30 % …}; at most {@code maxPlaces} places.
     */
    public String describe(int maxPlaces) {
        String cpu = Double.isNaN(fxCpuMs) ? "?" : String.format(Locale.ROOT, "%.0f ms", fxCpuMs);
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "stall %.0f ms (FX thread on CPU %s), %d samples", durationMs, cpu, samples.size()));
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

    /** A place in the code and the share of samples found there. */
    public record Place(String where, double share) {
    }
}
