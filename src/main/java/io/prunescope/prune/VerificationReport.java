package io.prunescope.prune;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What the built-in proof of an export found (DESIGN §6): the hard model ran in ONNX Runtime, matched the
 * masked-consumer oracle on the proof inputs (each output within its {@link OutputTolerance}), its weights shrank by
 * exactly the planned counts and its fine-grained sparsity is the planned one.
 *
 * @param inputs   what the models ran on, in words ("2 synthetic image-like input(s)", "8 calibration sample(s)")
 * @param outputs  one check per compared tensor (the graph outputs, and the outputs of the layers that feed them)
 * @param problems every failed check, in words; empty when the export is proven
 */
public record VerificationReport(boolean ranInRuntime, String inputs, List<OutputCheck> outputs, int shapeChecks,
                                 int sparsityChecks, List<String> problems, Preview preview) {

    public VerificationReport {
        outputs = List.copyOf(outputs);
        problems = List.copyOf(problems);
    }

    public boolean passed() {
        return ranInRuntime && problems.isEmpty() && outputs.stream().allMatch(OutputCheck::passed);
    }

    public double maxAbsoluteError() {
        return outputs.stream().mapToDouble(OutputCheck::maxDifference).max().orElse(0);
    }

    /** max|Δ| / max|oracle| over the outputs: shown for reference; the verdict uses {@link #outputs()}' bounds. */
    public double maxRelativeError() {
        return outputs.stream().mapToDouble(OutputCheck::relativeError).max().orElse(0);
    }

    /** The check closest to (or furthest past) its tolerance. */
    public OutputCheck tightest() {
        return outputs.stream().max(Comparator.comparingDouble(c -> c.maxDifference() / c.tolerance())).orElse(null);
    }

    public String summary() {
        OutputCheck t = tightest();
        return String.format(Locale.ROOT, "%s: ran in ONNX Runtime on %s; %d tensor(s) compared with the"
                        + " masked-consumer oracle (|Δ| ≤ %.0e·range + %.0e·max|oracle|)%s; %d weight shapes and %d"
                        + " sparsity checks%s",
                passed() ? "VERIFIED" : "FAILED", inputs, outputs.size(), OutputTolerance.RTOL, OutputTolerance.RTOL,
                t == null ? "" : ", tightest " + t.describe(), shapeChecks, sparsityChecks,
                problems.isEmpty() ? " passed" : "; problems: " + String.join("; ", problems));
    }
}
