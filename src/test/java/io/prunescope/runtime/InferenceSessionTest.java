package io.prunescope.runtime;

import io.prunescope.task.CancellationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InferenceSessionTest {

    @Test
    void gemmLogitsMatchReferenceComputedFromWeights() {
        float[][] x = TestModels.rows(5, 4, 1);
        double[][] expected = TestModels.gemmLogits("gemm_classifier", x);
        try (InferenceSession s = InferenceSession.open(TestModels.bytes("gemm_classifier.onnx"))) {
            Map<String, FloatTensor> out = s.run(Map.of("x", TestModels.tensor(x)));
            assertThat(out).containsOnlyKeys("logits", "probs", "pred");
            FloatTensor logits = out.get("logits");
            assertThat(logits.shape()).containsExactly(5, 6);
            for (int n = 0; n < 5; n++) {
                double sumExp = 0;
                for (int k = 0; k < 6; k++) {
                    assertThat((double) logits.get(n, k)).isCloseTo(expected[n][k], within(1e-5));
                    sumExp += Math.exp(expected[n][k]);
                }
                for (int k = 0; k < 6; k++) {
                    assertThat((double) out.get("probs").get(n, k)).isCloseTo(Math.exp(expected[n][k]) / sumExp, within(1e-5));
                }
                // INT64 ArgMax output comes back converted to float.
                assertThat(out.get("pred").get(n)).isEqualTo((float) TestModels.argmax(expected[n]));
            }
        }
    }

    @Test
    void describesDeclaredShapesWithDynamicDims() {
        try (InferenceSession s = InferenceSession.open(TestModels.bytes("gemm_classifier.onnx"))) {
            TensorSpec x = s.input("x");
            assertThat(x.shape()).containsExactly(-1, 4);
            assertThat(x.dimNames()).containsExactly("batch", "");
            assertThat(x.shapeText()).isEqualTo("[batch, 4]");
            assertThat(s.inputNames()).containsExactly("x");
            assertThat(s.outputNames()).containsExactly("logits", "probs", "pred");
            assertThat(s.output("pred").elementType()).isEqualTo("INT64");
            assertThat(s.outputNotes()).singleElement().asString()
                    .contains("'pred'", "INT64", "returned as float");
        }
        try (InferenceSession s = InferenceSession.open(TestModels.bytes("conv_relu.onnx"))) {
            assertThat(s.input("x").shapeText()).isEqualTo("[batch, 2, height, width]");
            assertThat(s.output("relu").shapeText()).isEqualTo("[batch, 3, ?, ?]");
        }
    }

    @Test
    void threadCountAndOptimisationAreSettableAndReported() {
        assertThat(RuntimeOptions.DEFAULT.intraOpThreads()).isEqualTo(1);
        RuntimeOptions two = RuntimeOptions.DEFAULT.withIntraOpThreads(2).withOptimization(RuntimeOptions.Optimization.NONE);
        try (InferenceSession s = InferenceSession.open(TestModels.bytes("gemm_classifier.onnx"), two)) {
            assertThat(s.intraOpThreads()).isEqualTo(2);
            assertThat(s.options().optimization()).isEqualTo(RuntimeOptions.Optimization.NONE);
            assertThat(s.run(TestModels.tensor(TestModels.rows(2, 4, 3))).shape()).containsExactly(2, 6);
        }
        assertThatThrownBy(() -> RuntimeOptions.DEFAULT.withIntraOpThreads(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namedMultiInputMultiOutput() {
        try (InferenceSession s = InferenceSession.open(TestModels.bytes("two_inputs.onnx"))) {
            FloatTensor a = FloatTensor.of(new long[] {2, 3}, 1, 2, 3, 4, 5, 6);
            FloatTensor b = FloatTensor.of(new long[] {2, 3}, 10, 20, 30, -1, -2, -3);
            Map<String, FloatTensor> out = s.run(Map.of("a", a, "b", b));
            assertThat(out.get("sum").data()).containsExactly(11, 22, 33, 3, 3, 3);
            assertThat(out.get("prod").data()).containsExactly(10, 40, 90, -4, -10, -18);
            assertThat(s.run(Map.of("a", a, "b", b), Set.of("prod"))).containsOnlyKeys("prod");
            assertThatThrownBy(s::singleInputName).isInstanceOf(InferenceException.class).hasMessageContaining("2 inputs");
        }
    }

    @Test
    void nonFloatInputsAndOutputsAreConverted() {
        try (InferenceSession s = InferenceSession.open(TestModels.bytes("element_types.onnx"))) {
            assertThat(s.input("ids").elementType()).isEqualTo("INT64");
            Map<String, FloatTensor> out = s.run(Map.of(
                    "x", FloatTensor.of(new long[] {1, 3}, 200, 7, 3.5f),
                    "ids", FloatTensor.of(new long[] {1, 2}, 123456, -4)));
            assertThat(out.get("u8").data()).containsExactly(200, 7, 3); // unsigned: 200, not -56
            assertThat(out.get("i32").data()).containsExactly(200, 7, 3);
            assertThat(out.get("f64").data()).containsExactly(200, 7, 3.5f);
            assertThat(out.get("ids_f").data()).containsExactly(123456, -4);
            assertThat(s.outputNotes()).hasSize(3);
        }
    }

    @Test
    void batchedRunEqualsOneRun() {
        FloatTensor x = TestModels.tensor(TestModels.rows(7, 4, 2));
        try (InferenceSession s = InferenceSession.open(TestModels.bytes("gemm_classifier.onnx"))) {
            Map<String, FloatTensor> whole = s.run(Map.of("x", x));
            long[] progressSeen = new long[2];
            Map<String, FloatTensor> batched = s.runBatched(Map.of("x", x), 3,
                    (done, total, message) -> { progressSeen[0] = done; progressSeen[1] = total; }, CancellationToken.NEVER);
            assertThat(batched).isEqualTo(whole);
            assertThat(progressSeen).containsExactly(7, 7);
        }
    }

    @Test
    void openFromPath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.onnx");
        Files.write(file, TestModels.bytes("gemm_classifier.onnx"));
        try (InferenceSession s = InferenceSession.open(file)) {
            assertThat(s.outputNames()).contains("logits");
        }
        assertThatThrownBy(() -> InferenceSession.open(dir.resolve("missing.onnx")))
                .isInstanceOf(InferenceException.class).hasMessageContaining("does not exist");
    }

    @Test
    void corruptModelGivesReadableMessage() {
        byte[] garbage = "this is not an ONNX model, just text".getBytes();
        assertThatThrownBy(() -> InferenceSession.open(garbage))
                .isInstanceOf(InferenceException.class)
                .hasMessageStartingWith("ONNX Runtime could not load the model: the data is not a valid ONNX model")
                .hasMessageContaining("Details:");
        byte[] model = TestModels.bytes("gemm_classifier.onnx");
        byte[] truncated = java.util.Arrays.copyOf(model, model.length / 2);
        assertThatThrownBy(() -> InferenceSession.open(truncated)).isInstanceOf(InferenceException.class)
                .hasMessageContaining("could not load the model");
        assertThatThrownBy(() -> InferenceSession.open(new byte[0])).isInstanceOf(InferenceException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void inconsistentGraphGivesReadableMessage() {
        assertThatThrownBy(() -> InferenceSession.open(TestModels.bytes("broken_shapes.onnx")))
                .isInstanceOf(InferenceException.class)
                .hasMessageStartingWith("ONNX Runtime could not load the model: the model's graph is inconsistent");
        assertThatThrownBy(() -> InferenceSession.open(TestModels.bytes("unknown_op.onnx")))
                .isInstanceOf(InferenceException.class)
                .hasMessageContaining("FancyPrune");
    }

    @Test
    void wrongInputsAreExplained() {
        try (InferenceSession s = InferenceSession.open(TestModels.bytes("gemm_classifier.onnx"))) {
            assertThatThrownBy(() -> s.run(Map.of("x", FloatTensor.zeros(2, 5))))
                    .isInstanceOf(InferenceException.class)
                    .hasMessage("Input 'x' must have shape [batch, 4] but was given [2, 5].");
            assertThatThrownBy(() -> s.run(Map.of()))
                    .isInstanceOf(InferenceException.class).hasMessageContaining("needs input 'x' [batch, 4]");
            assertThatThrownBy(() -> s.run(Map.of("x", FloatTensor.zeros(1, 4), "y", FloatTensor.zeros(1))))
                    .isInstanceOf(InferenceException.class).hasMessageContaining("no input named 'y'");
        }
    }

    @Test
    void closedSessionRefusesToRun() {
        InferenceSession s = InferenceSession.open(TestModels.bytes("gemm_classifier.onnx"));
        s.close();
        s.close(); // idempotent
        assertThatThrownBy(() -> s.run(FloatTensor.zeros(1, 4))).isInstanceOf(IllegalStateException.class);
    }
}
