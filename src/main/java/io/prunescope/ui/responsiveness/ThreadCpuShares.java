package io.prunescope.ui.responsiveness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Which threads of this process used the CPU between two moments, grouped by role (JIT compilers, FX thread, render
 * thread, …), from Linux's per-thread accounting ({@code /proc/self/task/TID/stat}). Unlike the JVM's thread CPU
 * times this also sees the JVM's own threads, the compilers and the garbage collector: during an open on two cores
 * the JIT's compiler threads used more CPU than the FX and render threads together, which is what the Linux launchers'
 * compiler-thread priority answers (issue 13, {@code src/docs/time-to-interactive.md}). Elsewhere it reports nothing.
 * A thread that ended in between has left {@code /proc} and is not counted.
 */
public final class ThreadCpuShares {

    /** Linux counts thread CPU time in clock ticks of 1/100 s (USER_HZ). */
    private static final double MS_PER_TICK = 10;
    private static final Path TASKS = Path.of("/proc/self/task");

    private final Map<String, Long> start;

    private ThreadCpuShares(Map<String, Long> start) {
        this.start = start;
    }

    /** The threads' CPU times now; {@link #since} later gives what was used in between. */
    public static ThreadCpuShares now() {
        return new ThreadCpuShares(ticksByThread());
    }

    /** Milliseconds of CPU per role since {@link #now}, largest first; empty where /proc is not available. */
    public Map<String, Double> since() {
        Map<String, Long> byRole = new HashMap<>();
        ticksByThread().forEach((thread, ticks) -> {
            long used = ticks - start.getOrDefault(thread, 0L);
            if (used > 0) {
                byRole.merge(role(thread.substring(thread.indexOf(' ') + 1)), used, Long::sum);
            }
        });
        Map<String, Double> ordered = new LinkedHashMap<>();
        byRole.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> ordered.put(e.getKey(), e.getValue() * MS_PER_TICK));
        return ordered;
    }

    /** One line, e.g. "JIT compilers 380 ms, FX thread 190 ms, …"; empty if nothing was counted. */
    public String describeSince() {
        StringBuilder s = new StringBuilder();
        since().forEach((role, ms) -> s.append(s.length() == 0 ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.0f ms", role, ms)));
        return s.toString();
    }

    /** Name prefixes (as Linux keeps them: the first 15 characters of the JVM's thread name) and their roles. */
    private static final String[][] ROLES = {
            {"C1 CompilerThre", "JIT compilers"}, {"C2 CompilerThre", "JIT compilers"},
            {"JavaFX Applicat", "FX thread"}, {"QuantumRenderer", "render thread"},
            {"GC Thread", "garbage collector"}, {"G1 ", "garbage collector"},
            {"prunescope-", "PruneScope workers"}, {"ForkJoinPool", "scoring pool"},
    };

    /** The role of a thread by the name Linux knows it by. */
    static String role(String name) {
        for (String[] prefixAndRole : ROLES) {
            if (name.startsWith(prefixAndRole[0])) {
                return prefixAndRole[1];
            }
        }
        return "other";
    }

    /** "TID name" → user + system ticks, for every thread alive now. */
    private static Map<String, Long> ticksByThread() {
        Map<String, Long> ticks = new HashMap<>();
        if (!Files.isDirectory(TASKS)) {
            return ticks;
        }
        try (Stream<Path> tasks = Files.list(TASKS)) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // the name is between the first '(' and the last ')': it may hold spaces and parentheses
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // after the name: state, ppid, …; utime and stime are the 14th and 15th fields of the line
                    ticks.put(task.getFileName() + " " + name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                } catch (IOException | RuntimeException gone) {
                    // the thread ended between the listing and the read
                }
            });
        } catch (IOException e) {
            return ticks;
        }
        return ticks;
    }
}
