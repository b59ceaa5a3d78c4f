package io.prunescope.cli;

import io.prunescope.bench.EngineBenchmark;
import io.prunescope.prune.criteria.CriteriaBenchmark;
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

/** {@code bench engine MODEL...}: live-preview latency of one ratio change, and criteria speed. */
@Command(name = "engine", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time the pruning engine on each model: building it, the cold first decide (filter/FPGM 0.3"
                + " everywhere), one ratio change on a mid-network conv (decide + cost preview; median and p90 of"
                + " --repeat changes alternating 0.2 and 0.5, after 5 warm-up changes), and the criteria over all"
                + " convs (L1, L2, FPGM, geometric median; median of --criteria-repeat passes).",
                "Structure-only models (all layer weights zero) get seeded random weights first.",
                "Exit codes: 0 success, 2 a model could not be read or analysed."})
final class BenchEngineCommand implements Callable<Integer> {

    /** The live preview has one frame at 60 Hz. */
    static final double TARGET_MS = 16;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "MODEL", description = "ONNX files (.onnx or .onnx.gz).")
    List<Path> models = new ArrayList<>();

    @Option(names = "--repeat", defaultValue = "31", description = "Timed ratio changes (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--criteria-repeat", defaultValue = "3",
            description = "Passes over all convs per criterion (default ${DEFAULT-VALUE}).")
    int criteriaRepeat;

    @Mixin
    ModelOptions options = new ModelOptions();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EngineBenchmark bench;
        try {
            bench = new EngineBenchmark(options.bindings(), repeat, criteriaRepeat);
        } catch (IllegalArgumentException e) {
            return options.fail(err, e.getMessage(), null);
        }
        Common.Table engine = new Common.Table(new String[]{"model", "nodes", "layers", "groups", "build ms",
                "cold decide ms", "cold preview ms", "1st change ms", "change median ms", "change p90 ms",
                "cpu median ms", "cpu p90 ms", "< 16 ms", "changed layer"},
                new boolean[]{false, true, true, true, true, true, true, true, true, true, true, true, false, false});
        Common.Table criteria = new Common.Table(new String[]{"model", "convs", "weights", "L1 ms", "L2 ms",
                "FPGM ms", "GM ms"}, new boolean[]{false, true, true, true, true, true, true});
        List<String> randomised = new ArrayList<>();
        int failures = 0;
        for (Path p : models) {
            EngineBenchmark.Result r;
            try {
                r = bench.run(p);
            } catch (RuntimeException e) {
                r = null;
                err.println("error: " + p + ": " + e.getMessage());
                if (options.verbose) {
                    e.printStackTrace(err);
                }
                failures++;
                continue;
            }
            if (!r.ok()) {
                err.println("error: " + p + ": " + r.error());
                failures++;
                continue;
            }
            String name = p.getFileName().toString();
            if (r.randomised()) {
                randomised.add(name);
            }
            engine.add(name, Integer.toString(r.nodes()), Integer.toString(r.layers()), Integer.toString(r.groups()),
                    ms(r.engineBuildMs()), ms(r.coldDecideMs()), ms(r.coldPreviewMs()),
                    r.changedLayer() == null ? "-" : ms(r.firstChangeMs()),
                    r.changedLayer() == null ? "-" : ms(r.changeMedianMs()),
                    r.changedLayer() == null ? "-" : ms(r.changeP90Ms()),
                    r.changedLayer() == null ? "-" : ms(r.changeCpuMedianMs()),
                    r.changedLayer() == null ? "-" : ms(r.changeCpuP90Ms()),
                    r.changedLayer() == null ? "-" : r.changeP90Ms() < TARGET_MS ? "yes" : "NO",
                    r.changedLayer() == null ? "(no prunable dense conv)" : r.changedLayer());
            CriteriaBenchmark.Result c = r.criteria();
            if (c != null) {
                criteria.add(name, Integer.toString(c.layers()), Common.group(c.elements()), ms(c.l1Ms()),
                        ms(c.l2Ms()), ms(c.fpgmMs()), ms(c.gmMs()));
            }
        }
        out.printf(Locale.ROOT, "one ratio change = decide + cost preview, %d timed changes after %d warm-up;"
                + " wall clock and thread CPU time; %d processors; '< 16 ms' judges the wall-clock p90%n", repeat,
                EngineBenchmark.WARMUP, Runtime.getRuntime().availableProcessors());
        out.print(engine.render());
        out.println();
        out.printf(Locale.ROOT, "criteria over all convs, filter granularity, median of %d%n", criteriaRepeat);
        out.print(criteria.render());
        if (!randomised.isEmpty()) {
            out.println("structure-only, given seeded random weights: " + String.join(", ", randomised));
        }
        out.flush();
        err.flush();
        return failures == 0 ? 0 : CliMain.EXIT_BAD_INPUT;
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
