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
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 * (bench_python_reference.py --save-one OUT OUT2). The fsync wait is reported apart: onnx.save does not sync.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Time the export of a hard-pruned model (L1 filter pruning at --ratio on every layer) to -o,"
                + " the way the workbench writes it (median of --repeat), step by step (the fsync overlaps the"
                + " read-back check). Compare with onnx.save of OUT."})
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
        Map<String, double[]> wall = new LinkedHashMap<>();
        Map<String, double[]> cpu = new LinkedHashMap<>();
        PHASES.forEach(ph -> {
            wall.put(ph, new double[repeat]);
            cpu.put(ph, new double[repeat]);
        });
        double[] total = new double[repeat];
        double[] withoutSyncWait = new double[repeat];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int r = 0; r < repeat; r++) {
            int run = r;
            long t0 = System.nanoTime();
            long[] last = {t0, threads.getCurrentThreadCpuTime()};
            // the real export path (the workbench's and `prune -o`'s): edit, ModelProto, streamed temporary file,
            // fsync, read-back check, atomic move
            files.write(output, t -> ws.export(everyLayer, decision, ExportKind.HARD, t, phase -> {
                long now = System.nanoTime();
                long nowCpu = threads.getCurrentThreadCpuTime();
                wall.get(phase)[run] = (now - last[0]) / 1e6;
                cpu.get(phase)[run] = (nowCpu - last[1]) / 1e6;
                last[0] = now;
                last[1] = nowCpu;
            }));
            total[r] = (System.nanoTime() - t0) / 1e6;
            // what no step reports: the clean-up after the move (the temporary name removed, untracked)
            wall.get("other")[r] = (System.nanoTime() - last[0]) / 1e6;
            cpu.get("other")[r] = (threads.getCurrentThreadCpuTime() - last[1]) / 1e6;
            withoutSyncWait[r] = total[r] - wall.get("fsync")[r];
        }
        out.printf(Locale.ROOT, "%s → %s (%.1f MB); first export %.1f ms; median of runs 2..%d: %.1f ms = %.1f ms"
                        + " + fsync wait %.1f ms; load %s%n", model.getFileName(), output,
                Files.size(output) / 1e6, total[0], repeat, warm(total), warm(withoutSyncWait), warm(wall.get("fsync")),
                BenchProfileCommand.loadAverage());
        StringBuilder line = new StringBuilder("  steps, wall ms (CPU ms of this thread):");
        wall.forEach((ph, v) -> line.append(String.format(Locale.ROOT, " %s %.1f (%.1f)", ph, warm(v),
                warm(cpu.get(ph)))));
        out.println(line);
        double[] likeSave = sum(wall.get("apply"), wall.get("open"), wall.get("write"));
        double[] likeSaveCpu = sum(cpu.get("apply"), cpu.get("open"), cpu.get("write"));
        out.printf(Locale.ROOT, "  like onnx.save (apply + open + write): %.1f ms (CPU %.1f ms); first export %.1f ms"
                + " (CPU %.1f ms); best of runs 2..%d %.1f ms (CPU %.1f ms)%n", warm(likeSave), warm(likeSaveCpu),
                likeSave[0], likeSaveCpu[0], repeat, best(likeSave), best(likeSaveCpu));
        StringBuilder first = new StringBuilder("  first export by step, wall ms (CPU ms):");
        wall.forEach((ph, v) -> first.append(String.format(Locale.ROOT, " %s %.1f (%.1f)", ph, v[0], cpu.get(ph)[0])));
        out.println(first);
        StringBuilder runs = new StringBuilder("  apply + open + write per run, wall ms (CPU ms):");
        for (int r = 0; r < repeat; r++) {
            runs.append(String.format(Locale.ROOT, " %.1f (%.1f)", likeSave[r], likeSaveCpu[r]));
        }
        out.println(runs);
        out.println("  edit = pruned tensors (and the command's own output checks); guard = target is not an input;"
                + " apply = edited ModelProto; open = output"
                + " checked, stale part files swept, temporary file created; write = serialised into it; verify = the"
                + " temporary file read back and checked while the fsync runs on another thread; fsync = the wait for"
                + " the fsync after the check; move = atomic rename; other = the clean-up"
                + " after it");
        out.flush();
        return Files.size(output) > 0 ? 0 : 1;
    }

    private static double[] sum(double[]... parts) {
        double[] s = new double[parts[0].length];
        for (double[] p : parts) {
            for (int i = 0; i < s.length; i++) {
                s[i] += p[i];
            }
        }
        return s;
    }

    /** The fastest run after the first: what the code costs when nothing else on the machine gets in its way. */
    private static double best(double[] v) {
        return Arrays.stream(v, Math.min(1, v.length - 1), v.length).min().orElse(Double.NaN);
    }

    /** Median of the runs after the first, which pays for loading and compiling the code. */
    private static double warm(double[] v) {
        return median(v.length > 1 ? Arrays.copyOfRange(v, 1, v.length) : v);
    }

    /** The steps {@link io.prunescope.task.Steps} reports, in order. */
    private static final List<String> PHASES = List.of("edit", "guard", "apply", "open", "write", "verify", "fsync",
            "move", "other");

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
