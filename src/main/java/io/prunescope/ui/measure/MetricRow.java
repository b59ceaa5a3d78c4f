package io.prunescope.ui.measure;

/**
 * One row of a results table (metric | original | pruned | change); {@code count} rows (images, instances) are
 * whole numbers. Shared by the Detection tab and the plan results panel.
 */
public record MetricRow(String metric, double original, double pruned, boolean count) {

    public double change() {
        return pruned - original;
    }
}
