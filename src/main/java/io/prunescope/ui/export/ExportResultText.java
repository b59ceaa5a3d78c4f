package io.prunescope.ui.export;

import io.prunescope.prune.DroppedGroup;
import io.prunescope.prune.OutputCheck;
import io.prunescope.prune.Preview;
import io.prunescope.prune.ProofOutcome;
import io.prunescope.prune.VerificationReport;
import io.prunescope.ui.Formats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The export dialog's result text: the verdict first, then groups left unpruned, the checks, costs and files. */
final class ExportResultText {

    private ExportResultText() {
    }

    /** VERIFIED, VERIFIED WITHOUT n GROUP(S) or FAILED: the first line of the result and the notification's title. */
    static String verdict(ProofOutcome proof) {
        if (!proof.proven()) {
            return "FAILED";
        }
        return proof.dropped().isEmpty() ? "VERIFIED" : "VERIFIED WITHOUT " + proof.dropped().size() + " GROUP(S)";
    }

    static String of(ExportTask.Outcome o) {
        ProofOutcome proof = o.proof();
        VerificationReport r = proof.report();
        StringBuilder sb = new StringBuilder();
        sb.append(verdict(proof)).append('\n');
        if (!proof.dropped().isEmpty()) {
            sb.append("Left unpruned (").append(proof.proofs()).append(" proofs to find them):\n");
            for (DroppedGroup d : proof.dropped()) {
                sb.append("  ").append(d.describe()).append(d.evidence().isEmpty() ? "" : " — " + d.evidence())
                        .append('\n');
            }
        }
        if (!proof.proven()) {
            sb.append("Nothing but the plan was written: a model that fails the proof is never exported.\n");
        }
        sb.append(r.summary()).append("\n\n");
        for (OutputCheck c : r.outputs()) {
            sb.append(c.passed() ? "  within tolerance: " : "  OUTSIDE tolerance: ").append(c.describe()).append('\n');
        }
        sb.append("Shape checks: ").append(r.shapeChecks()).append(" · sparsity checks: ").append(r.sparsityChecks())
                .append(" · ran in ONNX Runtime: ").append(r.ranInRuntime() ? "yes" : "no").append('\n');
        for (String p : r.problems()) {
            sb.append("  problem: ").append(p).append('\n');
        }
        Preview p = r.preview();
        if (p != null) {
            sb.append(String.format(Locale.ROOT, "Params: %s → %s · MACs: %s → %s · GFLOPs: %s → %s%n",
                    Formats.count(p.paramsBefore()), Formats.count(p.paramsAfter()), Formats.count(p.macsBefore()),
                    Formats.count(p.macsAfter()), Formats.gflops(p.macsBefore()), Formats.gflops(p.macsAfter())));
        }
        sb.append("\nWritten:\n");
        for (Path f : o.written()) {
            sb.append("  ").append(f.toAbsolutePath()).append(size(f)).append('\n');
        }
        return sb.toString().strip();
    }

    private static String size(Path f) {
        try {
            return "  (" + Formats.count(Files.size(f)) + " bytes)";
        } catch (IOException e) {
            return "";
        }
    }
}
