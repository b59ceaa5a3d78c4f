package io.prunescope.runtime;

/**
 * Classification accuracy on a data set.
 *
 * @param top5Correct null when the model has fewer than 5 classes (top-5 would be trivially 100 %)
 * @param top5        null under the same condition
 */
public record AccuracyResult(int total, int top1Correct, Integer top5Correct, double top1, Double top5, int numClasses) {

    static AccuracyResult of(int total, int top1Correct, Integer top5Correct, int numClasses) {
        return new AccuracyResult(total, top1Correct, top5Correct,
                total == 0 ? Double.NaN : (double) top1Correct / total,
                top5Correct == null ? null : total == 0 ? Double.NaN : (double) top5Correct / total, numClasses);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "top-1 %.2f %% (%d/%d)%s", 100 * top1, top1Correct, total,
                top5 == null ? "" : String.format(java.util.Locale.ROOT, ", top-5 %.2f %%", 100 * top5));
    }
}
