package io.prunescope.cli;

import io.prunescope.files.GuardedWriter;
import io.prunescope.measure.CriteriaComparison;
import io.prunescope.measure.Metric;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.report.CriteriaChart;
import io.prunescope.task.CancellationToken;
import io.prunescope.runtime.FloatTensor;
import io.prunescope.session.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code compare-criteria MODEL --data ... --ratios 0.1,0.3,0.5 [--recover] --csv OUT --chart OUT.png}: every
 * criterion at every ratio on every layer, measured without training (and after least-squares recovery).
 */
@Command(name = "compare-criteria", mixinStandardHelpOptions = true,
        description = {"Prune every prunable layer with one granularity at each ratio, once per criterion, and"
                + " measure each pruned model (top-1 on --data, or mAP@0.5:0.95 with --task detect); with --recover"
                + " also after least-squares recovery. Writes a table (CSV) and a chart of the metric against GFLOPs."
                + " Training-free: it shows what each criterion removes from these weights, not how the criteria"
                + " fare inside soft-pruning training (SFP, FPGM)."})
final class CompareCriteriaCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL")
    Path model;

    @Option(names = "--criteria", defaultValue = "l1,l2,fpgm,gm,bn,random", split = ",",
            description = "Criteria to compare (default ${DEFAULT-VALUE}); bn is skipped with a note on a model"
                    + " without BatchNormalization nodes.")
    List<String> criteria;

    @Option(names = "--ratios", defaultValue = "0.1,0.2,0.3,0.4,0.5", split = ",",
            description = "Ratios on every layer (default ${DEFAULT-VALUE}).")
    List<Double> ratios;

    @Option(names = "--granularity", defaultValue = "filter", description = "filter or channel (default ${DEFAULT-VALUE}).")
    String granularity;

    @Option(names = "--recover", description = "Also measure every plan after least-squares recovery.")
    boolean recover;

    @Option(names = "--csv", paramLabel = "OUT.csv", description = "Write the table here.")
    Path csv;

    @Option(names = "--chart", paramLabel = "OUT.png", description = "Write the chart (metric against GFLOPs) here.")
    Path chart;

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
        Granularity g = switch (granularity.toLowerCase(Locale.ROOT)) {
            case "filter" -> Granularity.FILTER;
            case "channel" -> Granularity.CHANNEL;
            default -> throw new IllegalArgumentException("--granularity must be filter or channel (structured)");
        };
        GuardedWriter files = CommandFiles.guard(model, data, calib).claim(csv, "--csv").claim(chart, "--chart");
        Workspace ws = task.open(options, model);
        CommandFiles.protectLoaded(files, ws);
        TaskOptions.Measuring measuring = task.measuring(ws, data, calib);
        List<Criterion> list = new ArrayList<>();
        for (String c : criteria) {
            list.add(MeasureOptions.criterion(c));
        }
        Map<String, FloatTensor> calibration = measuring.calibration();
        for (Criterion c : list) {
            MeasureCommands.measureActivations(ws, c, calibration, data.batch, runtime, err);
        }
        CriteriaComparison cmp = new CriteriaComparison(ws, g, ratios.stream().mapToDouble(Double::doubleValue)
                .toArray(), runtime.options());
        if (recover) {
            cmp.withRecovery(calibration);
        }
        Metric metric = measuring.metric();
        err.println("measuring " + measuring.description());
        long t0 = System.nanoTime();
        CriteriaComparison.Result r = cmp.run(list, metric, (done, total, message) -> {
            err.print("\rcompare-criteria " + done + "/" + total);
            err.flush();
        }, CancellationToken.NEVER);
        err.println();
        r.skipped().forEach(s -> err.println("note: skipped " + s));
        out.print(table(r).render());
        out.printf(Locale.ROOT, "%d plans measured in %.1f s%n", r.points().size(), (System.nanoTime() - t0) / 1e9);
        if (csv != null) {
            files.write(csv, r.toCsv().getBytes(StandardCharsets.UTF_8));
            out.println("wrote " + csv);
        }
        if (chart != null) {
            files.write(chart, CriteriaChart.png(r, 1000, 640));
            out.println("wrote " + chart);
        }
        out.flush();
        return 0;
    }

    /** Rows: criteria; columns: one per ratio (metric, and "→ recovered" when measured). */
    static Common.Table table(CriteriaComparison.Result r) {
        Map<Double, Double> gflops = new LinkedHashMap<>();
        Map<Criterion, Map<Double, String>> cells = new LinkedHashMap<>();
        for (CriteriaComparison.Point p : r.points()) {
            gflops.putIfAbsent(p.ratio(), p.gflops());
            cells.computeIfAbsent(p.criterion(), k -> new LinkedHashMap<>()).put(p.ratio(),
                    MeasureCommands.f4(p.metric()) + (Double.isNaN(p.recovered()) ? ""
                            : " → " + MeasureCommands.f4(p.recovered())));
        }
        List<String> head = new ArrayList<>(List.of("criterion (" + r.metric() + ")"));
        gflops.keySet().forEach(ratio -> head.add(String.format(Locale.ROOT, "%.0f %%", 100 * ratio)));
        boolean[] right = new boolean[head.size()];
        java.util.Arrays.fill(right, 1, right.length, true);
        Common.Table t = new Common.Table(head.toArray(String[]::new), right);
        List<String> orig = new ArrayList<>(List.of("original " + MeasureCommands.f4(r.baseline())
                + String.format(Locale.ROOT, " @ %.3f GFLOPs", r.baseGflops())));
        gflops.values().forEach(v -> orig.add(String.format(Locale.ROOT, "%.3f GFLOPs", v)));
        t.add(orig.toArray(String[]::new));
        for (Map.Entry<Criterion, Map<Double, String>> e : cells.entrySet()) {
            List<String> row = new ArrayList<>(List.of(e.getKey().label()));
            gflops.keySet().forEach(ratio -> row.add(e.getValue().getOrDefault(ratio, "-")));
            t.add(row.toArray(String[]::new));
        }
        return t;
    }
}
