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
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code bench export MODEL -o OUT}: times writing the hard-pruned model (every layer at --ratio, L1 filters), the
 * counterpart of {@code onnx.save} on the same pruned model (bench_python_reference.py --save-one OUT OUT2).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Time the export of a hard-pruned model (L1 filter pruning at --ratio on every layer): building"
                + " the pruned ONNX bytes, and writing them to -o (median of --repeat). Compare with onnx.save of OUT."})
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
        ws.decide(plan); // scores and decision are not what is timed
        double[] build = new double[repeat];
        double[] write = new double[repeat];
        long size = 0;
        for (int r = 0; r < repeat; r++) {
            long t0 = System.nanoTime();
            byte[] bytes = ws.exportBytes(plan, ExportKind.HARD);
            long t1 = System.nanoTime();
            files.write(output, bytes);
            long t2 = System.nanoTime();
            build[r] = (t1 - t0) / 1e6;
            write[r] = (t2 - t1) / 1e6;
            size = bytes.length;
        }
        out.printf(Locale.ROOT, "%s → %s (%.1f MB), median of %d: build %.1f ms + write %.1f ms; load %s%n",
                model.getFileName(), output, size / 1e6, repeat, median(build), median(write),
                BenchProfileCommand.loadAverage());
        out.flush();
        return Files.size(output) == size ? 0 : 1;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
