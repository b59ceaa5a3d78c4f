package io.prunescope.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ShapeProbeTest {

    @Test
    void reportsActualShapesOfEveryOutputIncludingUndeclaredOnes() {
        // 'pooled' is declared without any shape; 3×3 valid conv on 5×7 gives 3×5.
        Map<String, long[]> shapes = ShapeProbe.probe(TestModels.bytes("conv_relu.onnx"),
                Map.of("x", FloatTensor.zeros(2, 2, 5, 7)));
        assertThat(shapes).containsOnlyKeys("relu", "pooled");
        assertThat(shapes.get("relu")).containsExactly(2, 3, 3, 5);
        assertThat(shapes.get("pooled")).containsExactly(2, 3, 1, 1);
    }

    @Test
    void includesNonFloatOutputs() {
        Map<String, long[]> shapes = ShapeProbe.probeWithRandomInputs(TestModels.bytes("gemm_classifier.onnx"),
                Map.of("batch", 3L));
        assertThat(shapes.get("logits")).containsExactly(3, 6);
        assertThat(shapes.get("pred")).containsExactly(3);
    }

    @Test
    void missingDimensionValuesAreReported() {
        assertThatThrownBy(() -> ShapeProbe.probeWithRandomInputs(TestModels.bytes("conv_relu.onnx"), Map.of("batch", 1L)))
                .isInstanceOf(InferenceException.class).hasMessageContaining("'height'").hasMessageContaining("'width'");
    }
}
