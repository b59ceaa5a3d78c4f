package io.prunescope.measure;

import io.prunescope.prune.ExportKind;
import io.prunescope.prune.Preview;
import io.prunescope.prune.PruningPlan;
import io.prunescope.runtime.FidelityReport;
import io.prunescope.runtime.FloatTensor;
import io.prunescope.runtime.InferenceSession;
import io.prunescope.runtime.LatencyBenchmark;
import io.prunescope.runtime.LatencyComparison;
import io.prunescope.runtime.OutputFidelity;
import io.prunescope.runtime.RuntimeOptions;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;

import java.util.Map;

/**
 * One plan measured against the original in one go: the metric (top-1 accuracy or mAP), fidelity of the first
 * output (cosine, top-1 agreement) and median latency of a batch-1 input, with the plan's costs. This is what the
 * main window's "Measure plan" shows and what the plan comparison plots.
 *
 * @param metric         the metric's name ({@link Metric#name()})
 * @param dataIdentity   what the metric read ({@link Metric#dataIdentity()})
 * @param cosine         mean cosine similarity of the first output, pruned against original
 * @param agreement      top-1 agreement of the first output, NaN when it is not classifier-shaped
 * @param originalMs     median latency of the original, one input
 * @param prunedMs       median latency of the pruned model, one input
 */
public record PlanMeasurement(String metric, String dataIdentity, double originalMetric, double prunedMetric,
                              double cosine, double agreement, double originalMs, double prunedMs,
                              long paramsBefore, long paramsAfter, long macsBefore, long macsAfter) {

    /** Latency timing: few runs, since the point is a comparison of plans, not a benchmark. */
    public static final int WARMUP_RUNS = 3;
    public static final int TIMED_RUNS = 15;

    public double metricChange() {
        return prunedMetric - originalMetric;
    }

    public long flopsAfter() {
        return 2 * macsAfter;
    }

    /**
     * Measures {@code plan}'s hard export against the original.
     *
     * @param inputs    fidelity inputs (the first sample is also the latency input)
     * @param progress  five steps: export, original metric, pruned metric, fidelity, latency
     */
    public static PlanMeasurement measure(Workspace ws, PruningPlan plan, Metric metric,
                                          Map<String, FloatTensor> inputs, RuntimeOptions options,
                                          Progress progress, CancellationToken cancel) {
        Preview preview = ws.preview(plan);
        progress.report(0, 5, "Exporting the pruned model …");
        byte[] pruned = ws.exportBytes(plan, ExportKind.HARD);
        cancel.throwIfCancelled();
        try (InferenceSession a = InferenceSession.open(ws.originalBytes(), options);
             InferenceSession b = InferenceSession.open(pruned, options)) {
            progress.report(1, 5, "Original model: " + metric.name() + " …");
            metric.prepare(a, cancel);
            double before = metric.evaluate(a, cancel);
            progress.report(2, 5, "Pruned model: " + metric.name() + " …");
            double after = metric.evaluate(b, cancel);
            progress.report(3, 5, "Fidelity …");
            FidelityReport f = io.prunescope.runtime.Fidelity.compare(a, b, inputs, Calibration.batchSize(a, 32),
                    cancel);
            OutputFidelity first = f.first();
            progress.report(4, 5, "Latency …");
            LatencyComparison l = new LatencyBenchmark(WARMUP_RUNS, TIMED_RUNS).compare(a, b,
                    Calibration.first(inputs, 1), Progress.NONE, cancel);
            progress.report(5, 5, "");
            return new PlanMeasurement(metric.name(), metric.dataIdentity(), before, after, first.cosine(),
                    first.top1Agreement() == null ? Double.NaN : first.top1Agreement(), l.original().medianMs(),
                    l.pruned().medianMs(), preview.paramsBefore(), preview.paramsAfter(), preview.macsBefore(),
                    preview.macsAfter());
        }
    }
}
