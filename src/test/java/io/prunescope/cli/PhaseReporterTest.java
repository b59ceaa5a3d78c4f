package io.prunescope.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 10 item 11: a long phase is named on stderr; a quick one prints nothing. */
class PhaseReporterTest {

    @Test
    void aSlowPhaseIsAnnouncedAndAQuickOneIsNot() throws Exception {
        StringWriter err = new StringWriter();
        try (PhaseReporter phases = new PhaseReporter(new PrintWriter(err), 150, 10_000)) {
            phases.begin("loading big.onnx");
            phases.begin("analysing shapes and costs of 50000 nodes");
            Thread.sleep(600);
            phases.asProgress().report(1, 4, "creating ONNX Runtime sessions for both models and running them");
            Thread.sleep(600);
            phases.begin("writing out.onnx");
        }
        Thread.sleep(300);
        String text = err.toString();
        assertThat(text).doesNotContain("loading big.onnx").doesNotContain("writing out.onnx");
        assertThat(text).contains("… analysing shapes and costs of 50000 nodes")
                .contains("… creating ONNX Runtime sessions");
    }

    @Test
    void aQuickCommandKeepsStderrEmpty() {
        StringWriter err = new StringWriter();
        try (PhaseReporter phases = new PhaseReporter(new PrintWriter(err))) {
            phases.begin("loading small.onnx");
        }
        assertThat(err.toString()).isEmpty();
    }
}
