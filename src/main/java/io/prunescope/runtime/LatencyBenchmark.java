package io.prunescope.runtime;

import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;

import java.util.Map;

/**
 * Measures how long a model takes per run: warm-up runs first (ONNX Runtime allocates and caches on the
 * first runs), then timed runs of the same prepared input. The median is the figure to quote; p10/p90
 * show the spread a shared machine adds.
 */
public final class LatencyBenchmark {

    private final int warmupRuns;
    private final int timedRuns;

    public LatencyBenchmark(int warmupRuns, int timedRuns) {
        if (warmupRuns < 0 || timedRuns < 1) {
            throw new IllegalArgumentException("need warmupRuns >= 0 and timedRuns >= 1, got " + warmupRuns + ", " + timedRuns);
        }
        this.warmupRuns = warmupRuns;
        this.timedRuns = timedRuns;
    }

    public static LatencyBenchmark defaults() {
        return new LatencyBenchmark(5, 30);
    }

    public LatencyResult measure(InferenceSession session, Map<String, FloatTensor> input) {
        return measure(session, input, Progress.NONE, CancellationToken.NEVER);
    }

    public LatencyResult measure(InferenceSession session, Map<String, FloatTensor> input,
                                 Progress progress, CancellationToken cancel) {
        try (InferenceSession.PreparedInputs prepared = session.prepare(input)) {
            long total = warmupRuns + timedRuns;
            for (int i = 0; i < warmupRuns; i++) {
                cancel.throwIfCancelled();
                session.runDiscardingOutputs(prepared);
                progress.report(i + 1, total, "");
            }
            double[] samples = new double[timedRuns];
            for (int i = 0; i < timedRuns; i++) {
                cancel.throwIfCancelled();
                samples[i] = timeOnce(session, prepared);
                progress.report(warmupRuns + i + 1, total, "");
            }
            return LatencyResult.of(samples, warmupRuns, session.intraOpThreads());
        }
    }

    /**
     * Times both models with their runs interleaved (original, pruned, original, ...), so that load from
     * other processes on a shared machine slows both alike instead of biasing whichever ran second.
     */
    public LatencyComparison compare(InferenceSession original, InferenceSession pruned, Map<String, FloatTensor> input,
                                     Progress progress, CancellationToken cancel) {
        try (InferenceSession.PreparedInputs a = original.prepare(input);
             InferenceSession.PreparedInputs b = pruned.prepare(input)) {
            long total = 2L * (warmupRuns + timedRuns);
            long done = 0;
            for (int i = 0; i < warmupRuns; i++) {
                cancel.throwIfCancelled();
                original.runDiscardingOutputs(a);
                pruned.runDiscardingOutputs(b);
                progress.report(done += 2, total, "");
            }
            double[] sa = new double[timedRuns];
            double[] sb = new double[timedRuns];
            for (int i = 0; i < timedRuns; i++) {
                cancel.throwIfCancelled();
                sa[i] = timeOnce(original, a);
                sb[i] = timeOnce(pruned, b);
                progress.report(done += 2, total, "");
            }
            LatencyResult ra = LatencyResult.of(sa, warmupRuns, original.intraOpThreads());
            LatencyResult rb = LatencyResult.of(sb, warmupRuns, pruned.intraOpThreads());
            return new LatencyComparison(ra, rb, ra.medianMs() / rb.medianMs());
        }
    }

    public LatencyComparison compare(InferenceSession original, InferenceSession pruned, Map<String, FloatTensor> input) {
        return compare(original, pruned, input, Progress.NONE, CancellationToken.NEVER);
    }

    private static double timeOnce(InferenceSession session, InferenceSession.PreparedInputs prepared) {
        long t0 = System.nanoTime();
        session.runDiscardingOutputs(prepared);
        return (System.nanoTime() - t0) / 1e6;
    }
}
