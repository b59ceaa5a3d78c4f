package io.prunescope.cli;

import io.prunescope.measure.LatencyTable;
import io.prunescope.measure.RoundToAdvice;
import io.prunescope.runtime.RuntimeOptions;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code bench latency-table MODEL}: measures (or reads) this machine's conv latency table and advises --round-to. */
@Command(name = "latency-table", mixinStandardHelpOptions = true,
        description = {"Time the model's most expensive convolutions alone in ONNX Runtime at every output channel"
                + " count around what --ratio leaves, cache the timings per machine (<home>/latency/), and say which"
                + " --round-to multiple the runtime's kernels reward."})
final class BenchLatencyTableCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL")
    Path model;

    @Option(names = "--ratio", defaultValue = "0.5", description = "Pruning ratio whose channel counts to sample (default ${DEFAULT-VALUE}).")
    double ratio;

    @Option(names = "--layers", defaultValue = "6", description = "Most expensive convolutions to sample (default ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--window", defaultValue = "8", description = "Counts c0 ± W around the remaining count (default ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--runs", defaultValue = "15", description = "Timed runs per count (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--threads", defaultValue = "1", description = "ONNX Runtime intra-op threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Mixin
    ModelOptions options = new ModelOptions();

    @Override
    public Integer call() throws IOException, io.prunescope.onnx.ModelLoadException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Workspace ws = Workspace.open(model, options.bindings(), CancellationToken.NEVER, io.prunescope.task.Progress.NONE);
        LatencyTable table = LatencyTable.forMachine(null, RuntimeOptions.DEFAULT.withIntraOpThreads(threads), runs);
        RoundToAdvice.Advice a = RoundToAdvice.advise(ws, table, ratio, layers, window,
                SensitivityCommand.progress(err, "latency table"), CancellationToken.NEVER);
        table.save();
        out.printf(Locale.ROOT, "load %s; table %s%n", BenchProfileCommand.loadAverage(), table.file());
        for (RoundToAdvice.Sample s : a.samples()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-40s %s%n  ", s.layer(), s.shape().key()));
            int shown = Math.min(s.counts().length, 2 * window + 1);
            for (int i = 0; i < shown; i++) {
                line.append(String.format(Locale.ROOT, "%d:%.3f ", s.counts()[i], s.millis()[i]));
            }
            out.println(line.toString().trim());
        }
        for (int i = 0; i < a.multiples().length; i++) {
            out.printf(Locale.ROOT, "round up to a multiple of %2d: mean latency ×%.3f%n", a.multiples()[i],
                    a.ratioUp()[i]);
        }
        out.printf(Locale.ROOT, "advice: --round-to %d (the largest multiple whose rounding up costs ≤ 2 %% latency)%n",
                a.roundTo());
        out.flush();
        return 0;
    }
}
