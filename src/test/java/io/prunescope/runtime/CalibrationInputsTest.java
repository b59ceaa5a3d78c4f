package io.prunescope.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CalibrationInputsTest {

    @Test
    void shapesComeFromModelAndUserMap() {
        try (InferenceSession s = InferenceSession.open(TestModels.bytes("conv_relu.onnx"))) {
            Map<String, FloatTensor> in = CalibrationInputs.random(s, Map.of("batch", 3L, "height", 5L, "width", 6L),
                    42, CalibrationInputs.Distribution.NORMAL);
            assertThat(in.get("x").shape()).containsExactly(3, 2, 5, 6);
            assertThat(s.run(in).get("relu").shape()).containsExactly(3, 3, 3, 4);
        }
    }

    @Test
    void sameSeedSameValuesOtherSeedOtherValues() {
        List<TensorSpec> specs = List.of(new TensorSpec("x", new long[] {-1, 4}, new String[] {"batch", ""}, "FLOAT", true));
        Map<String, Long> dims = Map.of("batch", 8L);
        FloatTensor a = CalibrationInputs.random(specs, dims, 1, CalibrationInputs.Distribution.UNIFORM).get("x");
        FloatTensor b = CalibrationInputs.random(specs, dims, 1, CalibrationInputs.Distribution.UNIFORM).get("x");
        FloatTensor c = CalibrationInputs.random(specs, dims, 2, CalibrationInputs.Distribution.UNIFORM).get("x");
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
        for (float v : a.data()) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    @Test
    void anonymousDynamicDimsAreKeyedByInputAndAxis() {
        TensorSpec spec = new TensorSpec("img", new long[] {-1, 3, -1}, new String[] {"", "", "len"}, "FLOAT", true);
        assertThat(CalibrationInputs.concreteShape(spec, Map.of("img:0", 2L, "len", 7L))).containsExactly(2, 3, 7);
    }

    @Test
    void missingDynamicDimIsAnErrorNotOne() {
        TensorSpec spec = new TensorSpec("x", new long[] {-1, 2, -1}, new String[] {"batch", "", ""}, "FLOAT", true);
        assertThatThrownBy(() -> CalibrationInputs.concreteShape(spec, Map.of()))
                .isInstanceOf(InferenceException.class)
                .hasMessageContaining("'batch' (axis 0)")
                .hasMessageContaining("axis 2 (key \"x:2\")");
    }
}
