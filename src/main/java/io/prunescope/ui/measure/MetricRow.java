package io.prunescope.ui.measure;

/**
 * One row of a results table (metric | original | pruned | change); {@code count} rows (images, instances) are
 * whole numbers; for a {@code lowerIsBetter} row (latency, GFLOPs) a drop is the good change, coloured as such.
 * Shared by the Detection tab and the plan results panel.
 */
public record MetricRow(String metric, double original, double pruned, boolean count, boolean lowerIsBetter) {

    public MetricRow(String metric, double original, double pruned, boolean count) {
        this(metric, original, pruned, count, false);
    }

    public double change() {
        return pruned - original;
    }
}
