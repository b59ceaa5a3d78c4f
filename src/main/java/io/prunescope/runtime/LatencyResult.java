package io.prunescope.runtime;

import java.util.Arrays;

/**
 * Timings of one model on one input, in milliseconds per run.
 *
 * @param samplesMs every timed run in the order it ran (warm-up runs excluded)
 */
public record LatencyResult(int warmupRuns, int timedRuns, double medianMs, double p10Ms, double p90Ms,
                            double minMs, double maxMs, double meanMs, int intraOpThreads, double[] samplesMs) {

    /** Summarises raw timings; percentiles interpolate linearly between order statistics (NumPy's default). */
    public static LatencyResult of(double[] samplesMs, int warmupRuns, int intraOpThreads) {
        if (samplesMs.length == 0) {
            throw new IllegalArgumentException("no timed runs");
        }
        double[] sorted = samplesMs.clone();
        Arrays.sort(sorted);
        return new LatencyResult(warmupRuns, samplesMs.length, percentile(sorted, 50), percentile(sorted, 10),
                percentile(sorted, 90), sorted[0], sorted[sorted.length - 1], Arrays.stream(sorted).average().orElseThrow(),
                intraOpThreads, samplesMs.clone());
    }

    static double percentile(double[] sorted, double p) {
        double pos = (sorted.length - 1) * p / 100.0;
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "median %.3f ms (p10 %.3f, p90 %.3f, min %.3f, mean %.3f) over %d runs, %d thread(s)",
                medianMs, p10Ms, p90Ms, minMs, meanMs, timedRuns, intraOpThreads);
    }
}
