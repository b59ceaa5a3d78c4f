package io.prunescope.prune;

import java.util.Locale;

/**
 * How one tensor of the pruned model compared with the masked-consumer oracle over all proof samples.
 *
 * @param tensor        a graph output, or the logits a saturating output squashes ({@code logits})
 * @param logits        true for the input of a Sigmoid/Softmax/Tanh output, compared so that saturation cannot hide
 *                      a difference
 * @param maxDifference max |hard − oracle|
 * @param maxReference  max |oracle|
 * @param tolerance     the bound {@code maxDifference} had to stay within ({@link OutputTolerance})
 */
public record OutputCheck(String tensor, boolean logits, double maxDifference, double maxReference, double tolerance) {

    public boolean passed() {
        return maxDifference <= tolerance;
    }

    /** max|Δ| / max|oracle|: scale-free, but meaningless for an output that sits near zero. */
    public double relativeError() {
        return maxDifference / Math.max(maxReference, 1e-12);
    }

    public String describe() {
        return String.format(Locale.ROOT, "%s'%s' max |Δ| %.2e, allowed %.2e (max |oracle| %.2e)",
                logits ? "logits of " : "", tensor, maxDifference, tolerance, maxReference);
    }
}
