package io.prunescope.prune;

import java.util.Locale;

/**
 * How one tensor of the pruned model compared with the masked-consumer oracle over all proof samples.
 *
 * @param tensor        a graph output, or the output of a layer that feeds one ({@code head})
 * @param head          true for the output of a last layer before a graph output ({@link HeadTensors}), compared so
 *                      that a saturating or mixed-scale output cannot hide a difference
 * @param maxDifference max |hard − oracle|
 * @param maxReference  max |oracle|
 * @param tolerance     the bound {@code maxDifference} had to stay within ({@link OutputTolerance})
 */
public record OutputCheck(String tensor, boolean head, double maxDifference, double maxReference, double tolerance) {

    public boolean passed() {
        return maxDifference <= tolerance;
    }

    /** max|Δ| / max|oracle|: scale-free, but meaningless for an output that sits near zero. */
    public double relativeError() {
        return maxDifference / Math.max(maxReference, 1e-12);
    }

    public String describe() {
        return String.format(Locale.ROOT, "%s'%s' max |Δ| %.2e, allowed %.2e (max |oracle| %.2e)",
                head ? "head layer output " : "", tensor, maxDifference, tolerance, maxReference);
    }
}
