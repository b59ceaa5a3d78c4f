package io.prunescope.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Smoke test only: the figures depend on the machine. */
class BenchEngineCommandTest {

    @Test
    void printsEngineAndCriteriaTables() {
        CliMainTest.Run r = CliMainTest.run("bench", "engine", PruneCommandTest.RESIDUAL, "--repeat", "3",
                "--criteria-repeat", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("residual.onnx").contains("change median ms").contains("change p90 ms")
                .contains("cold decide ms").contains("FPGM ms").contains("GM ms").contains("/b1/b1.0/Conv");
    }

    @Test
    void aMissingModelIsReportedAndExitsTwo() {
        CliMainTest.Run r = CliMainTest.run("bench", "engine", "no-such.onnx", "--repeat", "1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no-such.onnx");
    }
}
