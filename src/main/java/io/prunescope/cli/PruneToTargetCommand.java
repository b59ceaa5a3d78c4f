package io.prunescope.cli;

import io.prunescope.files.GuardedWriter;
import io.prunescope.measure.BudgetPlanner;
import io.prunescope.measure.BudgetSearch;
import io.prunescope.measure.Calibration;
import io.prunescope.measure.Comparison;
import io.prunescope.measure.LatencyModel;
import io.prunescope.measure.LatencyTable;
import io.prunescope.measure.Metric;
import io.prunescope.measure.Recovery;
import io.prunescope.measure.SensitivityAnalysis;
import io.prunescope.measure.SensitivityResult;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.task.CancellationToken;
import io.prunescope.runtime.FloatTensor;
import io.prunescope.task.Progress;
import io.prunescope.session.Workspace;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code prune-target MODEL --target-flops 0.5 --recover lsq -o OUT}: sensitivity-guided per-group ratios that meet a
 * budget, then optional training-free recovery.
 */
@Command(name = "prune-target", mixinStandardHelpOptions = true,
        description = {"Prune to a budget: measure every channel group's sensitivity (cached), choose per-group ratios"
                + " that reach the target while losing the least, export the hard-pruned model, and optionally"
                + " recover it without training (bias folding or least squares on calibration activations)."})
final class PruneToTargetCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL")
    Path model;

    static final class Target {
        @Option(names = "--target-flops", paramLabel = "F", description = "Remove this fraction of the FLOPs.")
        Double flops;

        @Option(names = "--target-params", paramLabel = "F", description = "Remove this fraction of the parameters.")
        Double params;

        @Option(names = "--target-latency", paramLabel = "F", description = "Cut the measured median latency by this"
                + " fraction; steps are ranked by this machine's latency table (bench latency-table), the result measured.")
        Double latency;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.onnx", description = "The pruned model.")
    Path output;

    @Option(names = "--plan-out", paramLabel = "PLAN.json", description = "Also write the proposed plan.")
    Path planOut;

    @Option(names = "--criterion", defaultValue = "l1",
            description = "l1, l2, fpgm, gm, bn, mean-activation, apoz, random (default ${DEFAULT-VALUE}).")
    String criterion;

    @Option(names = "--recover", defaultValue = "none", paramLabel = "none|bias|lsq",
            description = "Training-free recovery (default ${DEFAULT-VALUE}).")
    String recover;

    @Option(names = "--max-ratio", defaultValue = "0.9", description = "Highest ratio of any group (default ${DEFAULT-VALUE}).")
    double maxRatio;

    @Option(names = "--ratios", split = ",", paramLabel = "R,R,...",
            description = "Ratios the sensitivity sweep measures (default 0.1,0.2,…,0.9).")
    double[] ratios;

    @Option(names = "--refine-rounds", defaultValue = "2", paramLabel = "N",
            description = "When the measured metric falls short of the prediction, re-measure the sensitivities on"
                    + " top of the proposed plan and re-allocate, at most N times (default ${DEFAULT-VALUE}; 0 = off).")
    int refineRounds;

    @Option(names = "--refine-tolerance", defaultValue = "0.01", paramLabel = "T",
            description = "Refine while prediction − measurement exceeds T (default ${DEFAULT-VALUE}).")
    double refineTolerance;

    @Option(names = "--latency-by-flops",
            description = "With --target-latency: rank the pruning steps by FLOPs instead of the measured latency table.")
    boolean flopsOrder;

    @Option(names = "--recovery-aware",
            description = "Measure each group's sensitivity after recovering it alone (with --recover), so the"
                    + " allocation prefers groups whose loss recovery undoes.")
    boolean recoveryAware;

    @Mixin
    TaskOptions task = new TaskOptions();

    @Mixin
    MeasureOptions.Data data = new MeasureOptions.Data();

    @Mixin
    MeasureOptions.Calib calib = new MeasureOptions.Calib();

    @Mixin
    MeasureOptions.Runtime runtime = new MeasureOptions.Runtime();

    @Mixin
    ModelOptions options = new ModelOptions();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Recovery.Mode mode = switch (recover.toLowerCase(Locale.ROOT)) {
            case "none" -> Recovery.Mode.NONE;
            case "bias" -> Recovery.Mode.BIAS;
            case "lsq" -> Recovery.Mode.LSQ;
            default -> throw new IllegalArgumentException("--recover must be none, bias or lsq");
        };
        GuardedWriter files = CommandFiles.guard(model, data, calib).claim(output, "-o").claim(planOut, "--plan-out");
        Workspace ws = task.open(options, model);
        CommandFiles.protectLoaded(files, ws);
        Criterion c = MeasureOptions.criterion(criterion);
        TaskOptions.Measuring measuring = task.measuring(ws, data, calib);
        Map<String, FloatTensor> calibration = measuring.calibration();
        if (mode != Recovery.Mode.NONE && calib.calibration == null) {
            err.println("note: recovery calibrates on " + (measuring.labelled() ? "the --data samples"
                    : "random inputs") + "; give --calibration for data apart from the evaluation");
        }
        MeasureCommands.measureActivations(ws, c, calibration, data.batch, runtime, err);
        Metric metric = measuring.metric();
        BudgetPlanner.Target kind = target.flops != null ? BudgetPlanner.Target.FLOPS
                : target.params != null ? BudgetPlanner.Target.PARAMS : BudgetPlanner.Target.LATENCY;
        double fraction = target.flops != null ? target.flops : target.params != null ? target.params : target.latency;
        BudgetSearch.Settings settings = new BudgetSearch.Settings(kind, fraction, c, maxRatio,
                ratios != null ? ratios : SensitivityAnalysis.DEFAULT_RATIOS,
                Recovery.Options.of(mode).withRuntime(runtime.options()), recoveryAware, refineRounds, refineTolerance);
        Map<String, FloatTensor> timing = Calibration.first(calibration, 1);
        BudgetSearch search = new BudgetSearch(ws, metric, calibration, runtime.options(),
                plan -> Comparison.latency(ws, plan, timing, runtime.threads, 3, 15, Progress.NONE,
                        CancellationToken.NEVER).latencyReduction());
        if (kind == BudgetPlanner.Target.LATENCY && !flopsOrder) {
            // Rank steps by this machine's latency table (measured once, cached) rather than by FLOPs.
            LatencyTable table = LatencyTable.forMachine(null, runtime.options(), 5);
            err.println("latency table: " + table.file() + " (measuring what is missing)");
            search.withLatencyModel(LatencyModel.of(ws, table, CancellationToken.NEVER));
            table.save();
        }
        SensitivityResult curves = search.initialAnalysis(settings)
                .run(metric, SensitivityCommand.progress(err, settings.recoveryAware()
                        ? "sensitivity (each group recovered)" : "sensitivity"), CancellationToken.NEVER);
        BudgetSearch.Outcome outcome = search.run(settings, curves, r -> {
            out.println(r.summary(metric.name(), recover));
            out.flush();
        }, SensitivityCommand.progress(err, "refining: sensitivity on top of the last plan"), CancellationToken.NEVER);
        BudgetSearch.Round chosen = outcome.chosen();
        BudgetPlanner.Proposal p = chosen.proposal();
        out.println("chosen: round " + chosen.round() + " of " + outcome.rounds().size() + " (" + outcome.stopReason()
                + ")");
        out.println("proposal: " + p);
        Common.Table t = new Common.Table(new String[] {"group", "layer", "ratio"},
                new boolean[] {true, false, true});
        for (SensitivityResult.GroupCurve g : curves.groups()) {
            double r = p.groupRatios().getOrDefault(g.groupId(), 0.0);
            t.add(Integer.toString(g.groupId()), g.layer(), String.format(Locale.ROOT, "%.2f", r));
        }
        out.print(t.render());
        p.notes().forEach(n -> err.println("note: " + n));
        files.write(output, chosen.model());
        if (planOut != null) {
            files.write(planOut, target -> ws.savePlan(p.plan(), target));
        }
        out.println(metric.name() + " original " + MeasureCommands.f4(curves.baseline()) + ", predicted "
                + MeasureCommands.f4(p.predictedMetric()) + ", pruned " + MeasureCommands.f4(chosen.measured())
                + (chosen.recovered() == null ? "" : ", recovered (" + recover + ") "
                + MeasureCommands.f4(chosen.recovered())));
        out.println("wrote " + output);
        out.flush();
        return p.targetMet() ? 0 : CliMain.EXIT_BAD_INPUT;
    }
}
