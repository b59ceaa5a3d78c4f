package io.prunescope.cli;

import io.prunescope.measure.Metric;
import io.prunescope.measure.SensitivityAnalysis;
import io.prunescope.measure.SensitivityParts;
import io.prunescope.measure.SensitivityResult;
import io.prunescope.measure.SensitivityShard;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.task.CancellationToken;
import io.prunescope.runtime.Dataset;
import io.prunescope.runtime.FloatTensor;
import io.prunescope.task.Progress;
import io.prunescope.session.Workspace;
import io.prunescope.files.GuardedWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code sensitivity MODEL --data ... --csv OUT}: per-group sensitivity curves. */
@Command(name = "sensitivity", mixinStandardHelpOptions = true, subcommands = SensitivityMergeCommand.class,
        description = {"Prune each channel group alone at 10 %%…90 %% and measure: top-1 accuracy with labelled --data,"
                + " else top-1 agreement (or cosine) with the original on --calibration images or random inputs."
                + " Results are cached in ~/.prunescope/cache (or $prunescope.home/cache).",
                "Split a long sweep over machines with --shard K/N --part FILE (one job per part), then join the parts"
                        + " with 'sensitivity merge'. See src/docs/sensitivity-shards.md."})
final class SensitivityCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", arity = "0..1")
    Path model;

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

    @Option(names = "--csv", paramLabel = "OUT", description = "Write the curves here (required without --shard).")
    Path csv;

    @Option(names = "--shard", paramLabel = "K/N", description = "Measure only part K of N (1 ≤ K ≤ N) of the groups;"
            + " needs --part. Join the parts with 'sensitivity merge'.")
    String shard;

    @Option(names = "--part", paramLabel = "FILE", description = "With --shard: write this part here (JSON).")
    Path part;

    @Option(names = "--criterion", defaultValue = "l1", description = "Criterion choosing the units (default ${DEFAULT-VALUE}).")
    String criterion;

    @Option(names = "--metric", defaultValue = "auto", paramLabel = "auto|top1|agreement|cosine",
            description = "What to measure (default: top1 with labels, else agreement).")
    String metric;

    @Option(names = "--no-cache", description = "Neither read nor write the cache.")
    boolean noCache;

    @Option(names = "--ratios", split = ",", paramLabel = "R,R,...",
            description = "Ratios to measure every group at (default 0.1,0.2,…,0.9). Fewer ratios and --limit keep a"
                    + " detector's sweep to minutes.")
    double[] ratios;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (model == null) {
            throw new IllegalArgumentException("sensitivity needs a MODEL (or: sensitivity merge PART...)");
        }
        SensitivityShard piece = shard == null ? null : SensitivityShard.parse(shard);
        if (piece != null && part == null) {
            throw new IllegalArgumentException("--shard needs --part FILE to write the part to");
        }
        if (piece == null && part != null) {
            throw new IllegalArgumentException("--part is only for --shard K/N");
        }
        if (piece == null && csv == null) {
            throw new IllegalArgumentException("Missing required option: '--csv=OUT'");
        }
        GuardedWriter files = CommandFiles.guard(model, data, calib);
        if (csv != null) {
            files = files.claim(csv, "--csv");
        }
        if (part != null) {
            files = files.claim(part, "--part");
        }
        Workspace ws = task.open(options, model);
        CommandFiles.protectLoaded(files, ws);
        Criterion c = MeasureOptions.criterion(criterion);
        Metric m;
        Map<String, FloatTensor> calibration;
        if (task.detecting()) {
            TaskOptions.Measuring measuring = task.measuring(ws, data, calib);
            m = measuring.metric();
            calibration = measuring.calibration();
        } else {
            Dataset labelled = data.present() ? data.open(ws) : null;
            calibration = calib.inputsOrRandom(ws, data, labelled);
            m = metric(labelled, calibration);
        }
        MeasureCommands.measureActivations(ws, c, calibration, data.batch, runtime, err);
        SensitivityAnalysis a = new SensitivityAnalysis(ws, c, ratios != null ? ratios
                : SensitivityAnalysis.DEFAULT_RATIOS, runtime.options());
        long t0 = System.nanoTime();
        if (noCache) {
            a.withCache(null);
        }
        a.shard(piece);
        SensitivityResult r = a.run(m, progress(err), CancellationToken.NEVER);
        if (csv != null) {
            files.write(csv, toCsv(r).getBytes(StandardCharsets.UTF_8));
        }
        if (piece != null) {
            files.write(part, SensitivityParts.toJson(SensitivityParts.part(a.settings(m), piece,
                    a.measurableGroups(), r)));
        }
        out.printf(Locale.ROOT, "%s baseline %s; %s%d groups × %d ratios in %.1f s → %s%n", r.metric(),
                MeasureCommands.f4(r.baseline()), piece == null ? "" : "part " + piece + ": ", r.groups().size(),
                r.ratios().length, (System.nanoTime() - t0) / 1e9, csv != null ? csv : part);
        double[] rs = r.ratios();
        Common.Table t = new Common.Table(new String[] {"group", "layer", "units", at(rs[0]), at(rs[rs.length / 2]),
                at(rs[rs.length - 1])},
                new boolean[] {true, false, true, true, true, true});
        for (SensitivityResult.GroupCurve g : r.groups()) {
            double[] v = g.values();
            t.add(Integer.toString(g.groupId()), g.layer(), Integer.toString(g.units()), MeasureCommands.f4(v[0]),
                    MeasureCommands.f4(v[v.length / 2]), MeasureCommands.f4(v[v.length - 1]));
        }
        out.print(t.render());
        out.flush();
        return 0;
    }

    private Metric metric(Dataset labelled, Map<String, FloatTensor> calibration) {
        String k = metric.toLowerCase(Locale.ROOT);
        if (k.equals("top1") || (k.equals("auto") && labelled != null)) {
            if (labelled == null) {
                throw new IllegalArgumentException("--metric top1 needs labelled --data");
            }
            return Metric.accuracy(labelled, data.batch);
        }
        return Metric.fidelity(calibration, k.equals("cosine") ? Metric.FidelityKind.COSINE
                : Metric.FidelityKind.AGREEMENT, data.batch);
    }

    private static String at(double ratio) {
        return String.format(Locale.ROOT, "@%.0f%%", 100 * ratio);
    }

    static Progress progress(PrintWriter err) {
        return progress(err, "sensitivity");
    }

    /** Progress on one stderr line, redrawn in place, ended by a newline when the work is done. */
    static Progress progress(PrintWriter err, String label) {
        return (done, total, message) -> {
            err.print("\r" + label + " " + done + "/" + total);
            if (done >= total) {
                err.println();
            }
            err.flush();
        };
    }

    static String toCsv(SensitivityResult r) {
        StringBuilder sb = new StringBuilder("group,layer,units,ratio,removed,metric,value,macs_after,params_after\n");
        sb.append(String.format(Locale.ROOT, "-,original,0,0,0,%s,%.6f,%d,%d%n", r.metric(), r.baseline(),
                r.macsBefore(), r.paramsBefore()));
        for (SensitivityResult.GroupCurve g : r.groups()) {
            for (int i = 0; i < r.ratios().length; i++) {
                sb.append(String.format(Locale.ROOT, "%d,\"%s\",%d,%.2f,%d,%s,%.6f,%d,%d%n", g.groupId(), g.layer(),
                        g.units(), r.ratios()[i], g.removed()[i], r.metric(), g.values()[i], g.macsAfter()[i],
                        g.paramsAfter()[i]));
            }
        }
        return sb.toString();
    }
}
