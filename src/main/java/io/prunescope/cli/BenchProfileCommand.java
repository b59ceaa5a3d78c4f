package io.prunescope.cli;

import io.prunescope.runtime.OpProfile;
import io.prunescope.runtime.RuntimeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code bench profile ORIGINAL PRUNED}: ONNX Runtime's per-operator profile of two models side by side, so the
 * gap between a MAC reduction and the measured speed-up can be accounted for operator by operator.
 */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = {"Profile two models (typically original and pruned) with ONNX Runtime's profiler and print the"
                + " time per operator type, the kernels' total against the whole run (the rest is the runtime's"
                + " own overhead), and how many convolutions ran in the blocked NCHWc layout."})
final class BenchProfileCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ORIGINAL")
    Path original;

    @Parameters(index = "1", paramLabel = "PRUNED")
    Path pruned;

    @Option(names = "--runs", defaultValue = "30", description = "Profiled runs after 5 warm-up runs (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--threads", defaultValue = "1", description = "ONNX Runtime intra-op threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        RuntimeOptions options = RuntimeOptions.DEFAULT.withIntraOpThreads(threads);
        OpProfile a = OpProfile.measure(Files.readAllBytes(original), options, 5, runs);
        OpProfile b = OpProfile.measure(Files.readAllBytes(pruned), options, 5, runs);
        out.printf(Locale.ROOT, "mean of %d runs, %d thread(s); load %s%n", runs, threads, loadAverage());
        Common.Table t = new Common.Table(new String[] {"operator", original.getFileName() + " ms", "share",
                pruned.getFileName() + " ms", "share", "speed-up"}, new boolean[] {false, true, true, true, true, true});
        Set<String> ops = new LinkedHashSet<>(a.byOpType().keySet());
        ops.addAll(b.byOpType().keySet());
        for (String op : ops) {
            double x = a.byOpType().getOrDefault(op, 0.0);
            double y = b.byOpType().getOrDefault(op, 0.0);
            t.add(op, ms(x), pct(x / a.totalUs()), ms(y), pct(y / b.totalUs()), y > 0 ? times(x / y) : "–");
        }
        t.add("all kernels", ms(a.kernelUs()), pct(a.kernelUs() / a.totalUs()), ms(b.kernelUs()),
                pct(b.kernelUs() / b.totalUs()), times(a.kernelUs() / b.kernelUs()));
        double overheadA = a.totalUs() - a.kernelUs();
        double overheadB = b.totalUs() - b.kernelUs();
        t.add("between kernels", ms(overheadA), pct(overheadA / a.totalUs()), ms(overheadB),
                pct(overheadB / b.totalUs()), overheadB > 0 ? times(overheadA / overheadB) : "–");
        t.add("whole run", ms(a.totalUs()), "100 %", ms(b.totalUs()), "100 %", times(a.totalUs() / b.totalUs()));
        out.print(t.render());
        out.printf(Locale.ROOT, "convolutions in the blocked NCHWc layout: %s %d of %d, %s %d of %d%n",
                original.getFileName(), blocked(a), convs(a), pruned.getFileName(), blocked(b), convs(b));
        out.flush();
        return 0;
    }

    /** The 1, 5 and 15-minute load averages: figures measured on a busy machine are inflated. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** ONNX Runtime renames a convolution it moved to NCHWc to "…_nchwc". */
    private static long blocked(OpProfile p) {
        return p.nodes().keySet().stream().filter(n -> p.opTypes().get(n).contains("Conv") && n.contains("nchwc"))
                .count();
    }

    private static long convs(OpProfile p) {
        return p.opTypes().values().stream().filter(t -> t.contains("Conv")).count();
    }

    private static String ms(double us) {
        return String.format(Locale.ROOT, "%.3f", us / 1000);
    }

    private static String pct(double f) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * f);
    }

    private static String times(double f) {
        return String.format(Locale.ROOT, "×%.2f", f);
    }
}
