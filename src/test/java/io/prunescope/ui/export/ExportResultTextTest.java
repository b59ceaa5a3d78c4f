package io.prunescope.ui.export;

import io.prunescope.prune.DroppedGroup;
import io.prunescope.prune.OutputCheck;
import io.prunescope.prune.ProofOutcome;
import io.prunescope.prune.PruneDecision;
import io.prunescope.prune.VerificationReport;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What the export dialog says about a proof that dropped a group, and about one that failed. */
class ExportResultTextTest {

    private static final PruneDecision NONE = new PruneDecision(Map.of(), Map.of(), Map.of(), Set.of(), Map.of(),
            List.of());

    @Test
    void aDroppedGroupIsNamedWithItsReasonUnderTheVerdict() {
        VerificationReport passed = new VerificationReport(true, "2 synthetic image-like input(s)",
                List.of(new OutputCheck("output", false, 1e-7, 3.0, 4e-4)), 5, 0, List.of(), null);
        ProofOutcome proof = new ProofOutcome(NONE, passed, List.of(new DroppedGroup(7, "/b6/m/m.0/cv1/conv/Conv",
                64, "differs from the masked-consumer oracle: 'output' …")), 11);
        String text = ExportResultText.of(new ExportTask.Outcome(List.of(Path.of("x-hard.onnx")), proof));
        assertThat(ExportResultText.verdict(proof)).isEqualTo("VERIFIED WITHOUT 1 GROUP(S)");
        assertThat(text).startsWith("VERIFIED WITHOUT 1 GROUP(S)\nLeft unpruned (11 proofs to find them):\n"
                + "  group 7 (/b6/m/m.0/cv1/conv/Conv, 64 unit(s)): export proof failed for this group — differs");
        assertThat(text).contains("within tolerance: 'output' max |Δ| 1.00e-07, allowed 4.00e-04").contains("x-hard.onnx");
    }

    @Test
    void aFailedProofSaysNoModelWasWritten() {
        VerificationReport failed = new VerificationReport(false, "2 synthetic image-like input(s)", List.of(), 5, 0,
                List.of("ONNX Runtime could not run the pruned model: …"), null);
        ProofOutcome proof = new ProofOutcome(NONE, failed, List.of(), 2);
        String text = ExportResultText.of(new ExportTask.Outcome(List.of(), proof));
        assertThat(text).startsWith("FAILED\nNothing but the plan was written").contains("problem: ONNX Runtime");
    }
}
