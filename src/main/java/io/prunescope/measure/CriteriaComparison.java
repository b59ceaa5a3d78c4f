package io.prunescope.measure;

import io.prunescope.prune.LayerSetting;
import io.prunescope.prune.Preview;
import io.prunescope.prune.PruningPlan;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.CriterionUnavailableException;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.task.CancellationToken;
import io.prunescope.runtime.FloatTensor;
import io.prunescope.runtime.InferenceSession;
import io.prunescope.task.Progress;
import io.prunescope.runtime.RuntimeOptions;
import io.prunescope.session.Workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The training-free comparison of criteria: the same granularity at the same ratio on every prunable layer (protected
 * layers, such as a detect head, excepted), once per criterion and ratio, each plan exported hard, measured, and —
 * when asked — measured again after least-squares recovery.
 *
 * <p>What it shows: which units each criterion would remove from <em>these</em> trained weights, and how much of the
 * model's metric survives that removal with no training (and with the closed-form refit of the next layers). What it
 * does not show: how the criteria behave inside the training-time methods they come from (SFP and FPGM prune softly
 * every epoch and let the network adapt), so a criterion that loses here can still win after fine-tuning.
 */
public final class CriteriaComparison {

    /** One measured plan; {@code recovered} = the value after least-squares recovery (NaN when not asked). */
    public record Point(Criterion criterion, double ratio, double metric, double recovered, long macs, long params,
                        double seconds) {

        /** FLOPs = 2 × MACs, in G. */
        public double gflops() {
            return 2.0 * macs / 1e9;
        }
    }

    /**
     * @param metric        the metric's name ("map50-95", "top1", …)
     * @param baseline      the unpruned model's value
     * @param skipped       criteria that could not score this model, with the reason (BN scale on a folded model)
     */
    public record Result(String model, String metric, Granularity granularity, double baseline, long macs, long params,
                         List<Point> points, List<String> skipped) {

        public double baseGflops() {
            return 2.0 * macs / 1e9;
        }

        /** The table as CSV (one row per criterion and ratio, the original first). */
        public String toCsv() {
            StringBuilder sb = new StringBuilder("criterion,ratio,gflops,params,metric,value,value_recovered\n");
            sb.append(String.format(Locale.ROOT, "original,0,%.6f,%d,%s,%.6f,%n", baseGflops(), params, metric,
                    baseline));
            for (Point p : points) {
                sb.append(String.format(Locale.ROOT, "%s,%.2f,%.6f,%d,%s,%.6f,%s%n", p.criterion().label(), p.ratio(),
                        p.gflops(), p.params(), metric, p.metric(),
                        Double.isNaN(p.recovered()) ? "" : String.format(Locale.ROOT, "%.6f", p.recovered())));
            }
            return sb.toString();
        }
    }

    private final Workspace ws;
    private final Granularity granularity;
    private final double[] ratios;
    private final RuntimeOptions options;
    private Map<String, FloatTensor> recoveryCalibration;

    public CriteriaComparison(Workspace ws, Granularity granularity, double[] ratios, RuntimeOptions options) {
        for (double r : ratios) {
            if (!(r > 0 && r < 1)) {
                throw new IllegalArgumentException("ratios must be in (0, 1), got " + r);
            }
        }
        this.ws = ws;
        this.granularity = granularity;
        this.ratios = ratios.clone();
        this.options = options;
    }

    /** Also measure every plan after least-squares recovery calibrated on these inputs. */
    public CriteriaComparison withRecovery(Map<String, FloatTensor> calibration) {
        this.recoveryCalibration = calibration;
        return this;
    }

    /** The plan the comparison measures for one criterion and ratio: every layer, the workspace's protections kept. */
    public PruningPlan plan(Criterion criterion, double ratio) {
        PruningPlan base = ws.emptyPlan();
        return base.withDefaults(new LayerSetting(granularity, criterion, ratio, false, 2, 4));
    }

    /**
     * Measures every criterion at every ratio. Criteria the model cannot support (BN scale without BN nodes,
     * activations not measured) are skipped with their reason.
     *
     * @param progress told after every plan, out of criteria × ratios
     * @throws java.util.concurrent.CancellationException when cancelled
     */
    public Result run(List<Criterion> criteria, Metric metric, Progress progress, CancellationToken cancel) {
        Preview before = ws.preview(ws.emptyPlan());
        double baseline;
        try (InferenceSession original = InferenceSession.open(ws.originalBytes(), options)) {
            metric.prepare(original, cancel);
            baseline = metric.evaluate(original, cancel);
        }
        List<Point> points = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        long total = (long) criteria.size() * ratios.length;
        long done = 0;
        for (Criterion c : criteria) {
            long end = done + ratios.length;
            for (double r : ratios) {
                cancel.throwIfCancelled();
                PruningPlan plan = plan(c, r);
                io.prunescope.prune.PruneDecision d;
                try {
                    d = ws.decide(plan);
                } catch (CriterionUnavailableException e) {
                    d = null;
                    skipped.add(c.label() + ": " + e.reason());
                }
                if (d != null && d.removedUnits().values().stream().allMatch(u -> u.length == 0)) {
                    // The engine leaves a layer alone when its criterion cannot score it (and says so in a note):
                    // a criterion that removes nothing anywhere is not a point on the chart.
                    skipped.add(c.label() + ": " + (d.notes().isEmpty() ? "it removes nothing at this ratio"
                            : d.notes().get(0)));
                    d = null;
                }
                if (d == null) {
                    done = end;
                    progress.report(done, total, "");
                    break;
                }
                Preview p = ws.preview(d);
                long t0 = System.nanoTime();
                Recovery.Result rec = recoveryCalibration == null ? null : Recovery.recover(ws, plan,
                        recoveryCalibration, Recovery.Options.of(Recovery.Mode.LSQ).withRuntime(options),
                        Progress.NONE, cancel);
                double value = measure(ws.exportBytes(plan, io.prunescope.prune.ExportKind.HARD), metric, cancel);
                double recovered = rec == null ? Double.NaN : measure(rec.model(), metric, cancel);
                points.add(new Point(c, r, value, recovered, p.macsAfter(), p.paramsAfter(),
                        (System.nanoTime() - t0) / 1e9));
                progress.report(++done, total, "");
            }
        }
        return new Result(ws.model().displayName(), metric.name(), granularity, baseline, before.macsBefore(),
                before.paramsBefore(), List.copyOf(points), List.copyOf(skipped));
    }

    private double measure(byte[] model, Metric metric, CancellationToken cancel) {
        try (InferenceSession s = InferenceSession.open(model, options)) {
            return metric.evaluate(s, cancel);
        }
    }
}
