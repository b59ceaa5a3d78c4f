package io.prunescope.cli;

import io.prunescope.prune.ExportKind;
import io.prunescope.prune.LayerSetting;
import io.prunescope.prune.PruningPlan;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code bench export MODEL -o OUT}: times writing the hard-pruned model (every layer at --ratio, L1 filters) through
 * the real export path, step by step: the counterpart of {@code onnx.save} on the same pruned model
 * (bench_python_reference.py --save-one OUT OUT2). The fsync is reported apart: onnx.save does not sync.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Time the export of a hard-pruned model (L1 filter pruning at --ratio on every layer) to -o,"
                + " the way the workbench writes it (median of --repeat), step by step, with and without the fsync."
                + " Compare with onnx.save of OUT."})
final class BenchExportCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL")
    Path model;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.onnx", description = "Where to write.")
    Path output;

    @Option(names = "--ratio", defaultValue = "0.3", description = "Filter ratio on every layer (default ${DEFAULT-VALUE}).")
    double ratio;

    @Option(names = "--repeat", defaultValue = "3", description = "Runs (default ${DEFAULT-VALUE}).")
    int repeat;

    @Mixin
    ModelOptions options = new ModelOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        var files = CommandFiles.guard(model).claim(output, "-o");
        Workspace ws = Workspace.open(model, options.bindings(), CancellationToken.NEVER, Progress.NONE);
        PruningPlan plan = ws.emptyPlan();
        for (var l : ws.engine().layers()) {
            Granularity g = l.weight().rank() == 2 ? Granularity.NEURON : Granularity.FILTER;
            plan = plan.withLayer(l.name(), new LayerSetting(g, Criterion.L1, ratio, false, 2, 4));
        }
        PruningPlan everyLayer = plan;
        var decision = ws.decide(everyLayer); // scores and decision are not what is timed
        Map<String, double[]> phases = new LinkedHashMap<>();
        PHASES.forEach(ph -> phases.put(ph, new double[repeat]));
        double[] total = new double[repeat];
        for (int r = 0; r < repeat; r++) {
            int run = r;
            long t0 = System.nanoTime();
            long[] last = {t0};
            // the real export path (the workbench's and `prune -o`'s): edit, ModelProto, streamed temporary file,
            // fsync, read-back check, atomic move
            files.write(output, t -> ws.export(everyLayer, decision, ExportKind.HARD, t, phase -> {
                long now = System.nanoTime();
                phases.get(phase)[run] = (now - last[0]) / 1e6;
                last[0] = now;
            }));
            total[r] = (System.nanoTime() - t0) / 1e6;
        }
        double fsync = median(phases.get("fsync"));
        out.printf(Locale.ROOT, "%s → %s (%.1f MB), median of %d: export %.1f ms = %.1f ms without fsync + fsync %.1f"
                        + " ms; load %s%n", model.getFileName(), output, Files.size(output) / 1e6, repeat,
                median(total), median(total) - fsync, fsync, BenchProfileCommand.loadAverage());
        StringBuilder line = new StringBuilder("  phases (ms):");
        phases.forEach((ph, v) -> line.append(String.format(Locale.ROOT, " %s %.1f", ph, median(v))));
        out.println(line);
        out.println("  edit = pruned tensors; apply = edited ModelProto; write = serialised into the temporary file;"
                + " verify = the temporary file read back and checked; move = atomic rename");
        out.flush();
        return Files.size(output) > 0 ? 0 : 1;
    }

    /** The steps {@link io.prunescope.files.WritePhases} reports, in order. */
    private static final List<String> PHASES = List.of("edit", "apply", "write", "fsync", "verify", "move");

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
