package io.prunescope.measure;

import io.prunescope.prune.ExportKind;
import io.prunescope.prune.Preview;
import io.prunescope.prune.PruningPlan;
import io.prunescope.runtime.AccuracyEvaluator;
import io.prunescope.runtime.AccuracyResult;
import io.prunescope.task.CancellationToken;
import io.prunescope.runtime.Dataset;
import io.prunescope.runtime.Fidelity;
import io.prunescope.runtime.FidelityReport;
import io.prunescope.runtime.FloatTensor;
import io.prunescope.runtime.InferenceSession;
import io.prunescope.runtime.LatencyBenchmark;
import io.prunescope.runtime.LatencyComparison;
import io.prunescope.task.Progress;
import io.prunescope.runtime.RuntimeOptions;
import io.prunescope.session.Workspace;

import java.util.Locale;
import java.util.Map;

/**
 * The original model against the pruned one (the hard export of a plan), side by side: latency, fidelity on
 * calibration inputs, accuracy on labelled data. Each method opens both models in ONNX Runtime and closes them.
 */
public final class Comparison {

    private Comparison() {
    }

    /**
     * Latency of both models timed interleaved, next to the reductions the cost model predicts.
     *
     * @param macReduction   1 − MACs after / MACs before (CostPreview)
     * @param paramReduction 1 − params after / params before
     */
    public record LatencyReport(LatencyComparison latency, double macReduction, double paramReduction, int threads,
                                long[] inputShape) {

        /** Measured reduction of the median latency: 1 − pruned / original. */
        public double latencyReduction() {
            return 1.0 - latency.pruned().medianMs() / latency.original().medianMs();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "original %.3f ms (p10 %.3f, p90 %.3f), pruned %.3f ms (p10 %.3f, p90 %.3f):"
                            + " speed-up ×%.2f with MACs −%.1f %% (ideal ×%.2f), %d run(s) after %d warm-up, %d thread(s)",
                    latency.original().medianMs(), latency.original().p10Ms(), latency.original().p90Ms(),
                    latency.pruned().medianMs(), latency.pruned().p10Ms(), latency.pruned().p90Ms(), latency.speedup(),
                    100 * macReduction, 1 / Math.max(1e-9, 1 - macReduction), latency.original().timedRuns(),
                    latency.original().warmupRuns(), threads);
        }
    }

    /** Accuracy of both models on the same data. */
    public record AccuracyReport(AccuracyResult original, AccuracyResult pruned) {

        public double top1Drop() {
            return original.top1() - pruned.top1();
        }
    }

    public static LatencyReport latency(Workspace ws, PruningPlan plan, Map<String, FloatTensor> input, int threads,
                                        int warmup, int runs, Progress progress, CancellationToken cancel) {
        Preview preview = ws.preview(plan);
        RuntimeOptions options = RuntimeOptions.DEFAULT.withIntraOpThreads(threads);
        try (InferenceSession a = InferenceSession.open(ws.originalBytes(), options);
             InferenceSession b = InferenceSession.open(ws.exportBytes(plan, ExportKind.HARD), options)) {
            LatencyComparison c = new LatencyBenchmark(warmup, runs).compare(a, b, input, progress, cancel);
            return new LatencyReport(c, preview.macReduction(), preview.paramReduction(), threads,
                    input.values().iterator().next().shape());
        }
    }

    /** Both models on the same inputs; cosine, max/mean |error| and top-1 agreement per output. */
    public static FidelityReport fidelity(Workspace ws, PruningPlan plan, Map<String, FloatTensor> inputs,
                                          int batchSize, RuntimeOptions options, CancellationToken cancel) {
        return fidelity(ws.originalBytes(), ws.exportBytes(plan, ExportKind.HARD), inputs, batchSize, options, cancel);
    }

    public static FidelityReport fidelity(byte[] original, byte[] pruned, Map<String, FloatTensor> inputs,
                                          int batchSize, RuntimeOptions options, CancellationToken cancel) {
        try (InferenceSession a = InferenceSession.open(original, options);
             InferenceSession b = InferenceSession.open(pruned, options)) {
            return Fidelity.compare(a, b, inputs, Calibration.batchSize(a, batchSize), cancel);
        }
    }

    public static AccuracyReport accuracy(Workspace ws, PruningPlan plan, Dataset data, int batchSize,
                                          RuntimeOptions options, Progress progress, CancellationToken cancel) {
        AccuracyResult before = accuracy(ws.originalBytes(), data, batchSize, options, progress, cancel);
        AccuracyResult after = accuracy(ws.exportBytes(plan, ExportKind.HARD), data, batchSize, options, progress, cancel);
        return new AccuracyReport(before, after);
    }

    /** Top-1 (and top-5 with ≥ 5 classes) of one model given as bytes. */
    public static AccuracyResult accuracy(byte[] model, Dataset data, int batchSize, RuntimeOptions options,
                                          Progress progress, CancellationToken cancel) {
        try (InferenceSession s = InferenceSession.open(model, options)) {
            return new AccuracyEvaluator(Calibration.batchSize(s, batchSize)).evaluate(s, data, progress, cancel);
        }
    }
}
