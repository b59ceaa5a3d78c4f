package io.prunescope.runtime;

import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class LatencyBenchmarkTest {

    private static final Map<String, FloatTensor> INPUT = Map.of("x", TestModels.tensor(TestModels.rows(8, 4, 3)));

    @Test
    void percentilesOfKnownSamples() {
        LatencyResult r = LatencyResult.of(new double[] {10, 1, 9, 2, 8, 3, 7, 4, 6, 5}, 3, 1);
        assertThat(r.medianMs()).isCloseTo(5.5, within(1e-12));
        assertThat(r.p10Ms()).isCloseTo(1.9, within(1e-12));
        assertThat(r.p90Ms()).isCloseTo(9.1, within(1e-12));
        assertThat(r.minMs()).isEqualTo(1);
        assertThat(r.maxMs()).isEqualTo(10);
        assertThat(r.meanMs()).isCloseTo(5.5, within(1e-12));
        assertThat(r.samplesMs()).startsWith(10, 1); // kept in run order
    }

    @Test
    void measurementIsSane() {
        try (InferenceSession s = InferenceSession.open(TestModels.bytes("gemm_classifier.onnx"))) {
            long[] calls = {0};
            LatencyResult r = new LatencyBenchmark(2, 15).measure(s, INPUT, (d, t, message) -> calls[0]++, CancellationToken.NEVER);
            assertThat(r.timedRuns()).isEqualTo(15);
            assertThat(r.samplesMs()).hasSize(15);
            assertThat(r.warmupRuns()).isEqualTo(2);
            assertThat(calls[0]).isEqualTo(17);
            assertThat(r.minMs()).isPositive();
            assertThat(r.medianMs()).isBetween(r.minMs(), r.maxMs());
            assertThat(r.p10Ms()).isBetween(r.minMs(), r.medianMs());
            assertThat(r.p90Ms()).isBetween(r.medianMs(), r.maxMs());
            assertThat(r.meanMs()).isBetween(r.minMs(), r.maxMs());
            assertThat(r.intraOpThreads()).isEqualTo(1);
        }
    }

    @Test
    void compareReportsBothAndTheSpeedup() {
        try (InferenceSession a = InferenceSession.open(TestModels.bytes("gemm_classifier.onnx"));
             InferenceSession b = InferenceSession.open(TestModels.bytes("gemm_classifier_perturbed.onnx"),
                     RuntimeOptions.DEFAULT.withIntraOpThreads(2))) {
            LatencyComparison c = new LatencyBenchmark(1, 9).compare(a, b, INPUT);
            assertThat(c.original().timedRuns()).isEqualTo(9);
            assertThat(c.pruned().timedRuns()).isEqualTo(9);
            assertThat(c.pruned().intraOpThreads()).isEqualTo(2);
            assertThat(c.speedup()).isCloseTo(c.original().medianMs() / c.pruned().medianMs(), within(1e-12));
        }
    }

    @Test
    void cancellableAndValidated() {
        CancellationToken token = new CancellationToken();
        token.cancel();
        try (InferenceSession s = InferenceSession.open(TestModels.bytes("gemm_classifier.onnx"))) {
            assertThatThrownBy(() -> new LatencyBenchmark(1, 5).measure(s, INPUT, Progress.NONE, token))
                    .isInstanceOf(CancellationException.class);
        }
        assertThatThrownBy(() -> new LatencyBenchmark(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
