package io.prunescope.prune;

import java.util.List;

/**
 * What the built-in proof of an export found (DESIGN §6): the hard model ran in ONNX Runtime, matched the
 * masked-consumer oracle on random inputs, its weights shrank by exactly the planned counts and its fine-grained
 * sparsity is the planned one.
 *
 * @param maxRelativeError max over outputs of max|hard − oracle| / max|oracle|
 * @param problems         every failed check, in words; empty when the export is proven
 */
public record VerificationReport(boolean ranInRuntime, int samples, double maxRelativeError, double maxAbsoluteError,
                                 int shapeChecks, int sparsityChecks, List<String> problems, Preview preview) {

    public static final double TOLERANCE = 1e-4;

    public boolean passed() {
        return ranInRuntime && problems.isEmpty() && maxRelativeError <= TOLERANCE;
    }

    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "%s: ran in ONNX Runtime on %d random input(s); max relative error vs the masked-consumer oracle"
                        + " %.2e (max abs %.2e); %d weight shapes and %d sparsity checks%s",
                passed() ? "VERIFIED" : "FAILED", samples, maxRelativeError, maxAbsoluteError, shapeChecks,
                sparsityChecks, problems.isEmpty() ? " passed" : "; problems: " + String.join("; ", problems));
    }
}
