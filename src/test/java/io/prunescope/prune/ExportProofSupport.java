package io.prunescope.prune;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.onnx.OnnxDocument;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the built-in proof (DESIGN §6) on a plan and asserts it passed. */
final class ExportProofSupport {

    private ExportProofSupport() {
    }

    static VerificationReport prove(OnnxDocument doc, ModelAnalysis analysis, PruningPlan plan) {
        PruneEngine engine = new PruneEngine(analysis);
        PruneDecision decision = engine.decide(plan);
        VerificationReport report = new ExportVerifier(engine, doc).verify(plan, decision, 2, 7,
                CancellationToken.NEVER, Progress.NONE);
        assertThat(report.problems()).as(report.summary()).isEmpty();
        assertThat(report.passed()).as(report.summary()).isTrue();
        return report;
    }
}
