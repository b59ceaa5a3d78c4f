package io.prunescope.runtime;

import io.prunescope.task.CancellationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FidelityTest {

    @Test
    void handWorkedExample() {
        // sample 0: same direction (cos 1); sample 1: orthogonal (cos 0).
        FloatTensor a = FloatTensor.of(new long[] {2, 2}, 1, 0, 0, 1);
        FloatTensor b = FloatTensor.of(new long[] {2, 2}, 2, 0, 1, 0);
        OutputFidelity f = Fidelity.compare("y", a, b);
        assertThat(f.cosine()).isCloseTo(0.5, within(1e-12));
        assertThat(f.maxAbsError()).isEqualTo(1.0);
        assertThat(f.meanAbsError()).isCloseTo(0.75, within(1e-12)); // |1-2|+0+|0-1|+|1-0| = 3 over 4
        assertThat(f.top1Agreement()).isEqualTo(0.5); // argmax 0,1 vs 0,0
        assertThat(f.samples()).isEqualTo(2);
    }

    @Test
    void topOneAgreementOnlyForClassifierShapes() {
        FloatTensor v = FloatTensor.of(new long[] {3}, 1, 2, 3);
        assertThat(Fidelity.compare("v", v, v).top1Agreement()).isNull();
        assertThat(Fidelity.isClassifierShaped(new long[] {4, 10, 1, 1})).isTrue();
        assertThat(Fidelity.isClassifierShaped(new long[] {4, 3, 8, 8})).isFalse();
        assertThat(Fidelity.isClassifierShaped(new long[] {4, 1})).isFalse();
        // [N,K,1,1] is compared over K, not over the trailing 1.
        FloatTensor a = FloatTensor.of(new long[] {2, 3, 1, 1}, 0, 5, 1, 9, 0, 0);
        FloatTensor b = FloatTensor.of(new long[] {2, 3, 1, 1}, 0, 5, 1, 0, 0, 9);
        assertThat(Fidelity.compare("c", a, b).top1Agreement()).isEqualTo(0.5);
    }

    @Test
    void modelAgainstItselfIsPerfect() {
        Map<String, FloatTensor> in = Map.of("x", TestModels.tensor(TestModels.rows(50, 4, 7)));
        try (InferenceSession a = InferenceSession.open(TestModels.bytes("gemm_classifier.onnx"));
             InferenceSession b = InferenceSession.open(TestModels.bytes("gemm_classifier.onnx"))) {
            FidelityReport r = Fidelity.compare(a, b, in, 16, CancellationToken.NEVER);
            OutputFidelity logits = r.output("logits").orElseThrow();
            assertThat(logits.cosine()).isCloseTo(1.0, within(1e-9));
            assertThat(logits.maxAbsError()).isZero();
            assertThat(logits.meanAbsError()).isZero();
            assertThat(logits.top1Agreement()).isEqualTo(1.0);
            assertThat(logits.samples()).isEqualTo(50);
            assertThat(r.notes()).isEmpty();
        }
    }

    @Test
    void perturbedModelMatchesReferenceAgreementAndErrors() {
        float[][] x = TestModels.rows(200, 4, 11);
        double[][] ref = TestModels.gemmLogits("gemm_classifier", x);
        double[][] per = TestModels.gemmLogits("gemm_classifier_perturbed", x);
        int agree = 0;
        double maxAbs = 0;
        double sumAbs = 0;
        double cosSum = 0;
        for (int n = 0; n < x.length; n++) {
            agree += TestModels.argmax(ref[n]) == TestModels.argmax(per[n]) ? 1 : 0;
            double dot = 0;
            double na = 0;
            double nb = 0;
            for (int k = 0; k < 6; k++) {
                double d = Math.abs(ref[n][k] - per[n][k]);
                maxAbs = Math.max(maxAbs, d);
                sumAbs += d;
                dot += ref[n][k] * per[n][k];
                na += ref[n][k] * ref[n][k];
                nb += per[n][k] * per[n][k];
            }
            cosSum += dot / Math.sqrt(na * nb);
        }
        double expectedAgreement = agree / 200.0;
        assertThat(expectedAgreement).as("the perturbation must change some but not all predictions")
                .isStrictlyBetween(0.05, 0.95);

        try (InferenceSession a = InferenceSession.open(TestModels.bytes("gemm_classifier.onnx"));
             InferenceSession b = InferenceSession.open(TestModels.bytes("gemm_classifier_perturbed.onnx"))) {
            OutputFidelity f = Fidelity.compare(a, b, Map.of("x", TestModels.tensor(x)), 64, CancellationToken.NEVER)
                    .output("logits").orElseThrow();
            assertThat(f.top1Agreement()).isEqualTo(expectedAgreement);
            assertThat(f.maxAbsError()).isCloseTo(maxAbs, within(1e-5));
            assertThat(f.meanAbsError()).isCloseTo(sumAbs / (200 * 6), within(1e-5));
            assertThat(f.cosine()).isCloseTo(cosSum / 200, within(1e-5));
        }
    }

    @Test
    void differentShapesAreRefused() {
        assertThatThrownBy(() -> Fidelity.compare("y", FloatTensor.zeros(1, 10), FloatTensor.zeros(1, 9)))
                .isInstanceOf(InferenceException.class).hasMessageContaining("[1, 10]").hasMessageContaining("[1, 9]");
    }

    @Test
    void outputsPresentInOneModelOnlyAreNoted() {
        FidelityReport r = Fidelity.compare(Map.of("a", FloatTensor.zeros(1, 2)), Map.of("b", FloatTensor.zeros(1, 2)));
        assertThat(r.outputs()).isEmpty();
        assertThat(r.notes()).containsExactlyInAnyOrder("Output 'a' exists only in the original model.",
                "Output 'b' exists only in the pruned model.");
    }
}
