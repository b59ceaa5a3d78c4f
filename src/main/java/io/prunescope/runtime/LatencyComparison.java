package io.prunescope.runtime;

/**
 * Latency of an original and a pruned model measured together.
 *
 * @param speedup original median / pruned median: 2.0 means the pruned model runs twice as fast
 */
public record LatencyComparison(LatencyResult original, LatencyResult pruned, double speedup) {

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "speed-up ×%.2f (original %.3f ms, pruned %.3f ms median)",
                speedup, original.medianMs(), pruned.medianMs());
    }
}
