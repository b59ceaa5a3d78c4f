package io.prunescope.cli;

import io.prunescope.bench.LoadBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code bench ...}: measurements. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure PruneScope on models.",
        subcommands = {BenchCommand.Load.class, BenchEngineCommand.class, BenchProfileCommand.class,
                BenchLatencyTableCommand.class, BenchExportCommand.class})
final class BenchCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code bench load MODEL...}: load, shape-inference and cost times, and peak heap, per file. */
    @Command(name = "load", mixinStandardHelpOptions = true,
            description = {"Time loading, static shape inference and cost computation of each model (median of"
                    + " --repeat runs) and measure heap.",
                    "peak heap = sum of the heap memory pools' peak usage (reset after System.gc() before each run);"
                            + " retained = heap used after GC with the model loaded, minus before."})
    static final class Load implements Callable<Integer> {

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "MODEL", description = "ONNX files.")
        List<Path> models = new ArrayList<>();

        @Option(names = "--repeat", defaultValue = "3", description = "Runs per file (default ${DEFAULT-VALUE}).")
        int repeat;

        @Option(names = "--warm-up", description = "Run the reader's warm-up (as the workbench does while JavaFX"
                + " starts) before the first load, untimed.")
        boolean warmUp;

        @Mixin
        ModelOptions options = new ModelOptions();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (warmUp) {
                io.prunescope.onnx.OnnxReader.warmUp();
            }
            LoadBenchmark bench;
            try {
                bench = new LoadBenchmark(options.bindings(), repeat);
            } catch (IllegalArgumentException e) {
                return options.fail(err, e.getMessage(), null);
            }
            Common.Table t = new Common.Table(new String[]{"model", "size MB", "nodes", "cold load ms", "load ms",
                    "load CPU ms", "shapes ms", "cost ms", "peak heap MB", "retained MB", "params", "GMACs",
                    "unresolved"},
                    new boolean[]{false, true, true, true, true, true, true, true, true, true, true, true, true});
            int failures = 0;
            List<LoadBenchmark.Result> results = new ArrayList<>();
            for (Path p : models) {
                LoadBenchmark.Result r = bench.run(p);
                if (r.ok()) {
                    results.add(r);
                }
                if (!r.ok()) {
                    err.println("error: " + p + ": " + r.error());
                    failures++;
                    continue;
                }
                t.add(p.getFileName().toString(), mb(r.fileBytes()), Integer.toString(r.nodes()),
                        ms(r.coldLoadMs()), ms(r.loadMs()), ms(r.loadCpuMs()), ms(r.shapesMs()), ms(r.costMs()), mb(r.peakHeapBytes()), mb(r.retainedHeapBytes()),
                        Common.group(r.params()), String.format(Locale.ROOT, "%.3f", r.macs() / 1e9),
                        Integer.toString(r.unresolvedShapes()));
            }
            out.printf(Locale.ROOT, "cold = first load in this process%s; other times: median of runs 2..%d; max heap"
                    + " %s MB; load average %s%n", warmUp ? " (after the reader's warm-up)" : "", repeat,
                    mb(Runtime.getRuntime().maxMemory()),
                    BenchProfileCommand.loadAverage());
            out.print(t.render());
            out.println("warm load by step, wall ms (CPU ms of the loading thread):");
            for (LoadBenchmark.Result r : results) {
                StringBuilder line = new StringBuilder("  " + r.file().getFileName() + ":");
                r.stepMs().forEach((step, ms) -> line.append(String.format(Locale.ROOT, " %s %.1f (%.1f)", step, ms,
                        r.stepCpuMs().get(step))));
                out.println(line);
            }
            out.flush();
            err.flush();
            return failures == 0 ? 0 : CliMain.EXIT_BAD_INPUT;
        }

        private static String ms(double v) {
            return String.format(Locale.ROOT, "%.1f", v);
        }

        private static String mb(long bytes) {
            return String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
        }
    }
}
