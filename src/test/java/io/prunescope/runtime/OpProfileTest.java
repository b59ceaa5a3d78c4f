package io.prunescope.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** ONNX Runtime's profile trace read into per-node and per-operator times. */
class OpProfileTest {

    @Test
    void averagesTheKernelEventsOfTheTimedRunsOnly() throws Exception {
        // Two runs in ORT's layout (kernel events precede their run's model_run); the first is warm-up.
        String trace = """
                [{"cat":"Session","name":"session_initialization","dur":999},
                 {"cat":"Node","name":"conv1_kernel_time","dur":500,"args":{"op_name":"Conv"}},
                 {"cat":"Node","name":"relu_kernel_time","dur":50,"args":{"op_name":"Relu"}},
                 {"cat":"Node","name":"conv1_fence_before","dur":0,"args":{"op_name":"Conv"}},
                 {"cat":"Session","name":"model_run","dur":700},
                 {"cat":"Node","name":"conv1_kernel_time","dur":100,"args":{"op_name":"Conv"}},
                 {"cat":"Node","name":"relu_kernel_time","dur":10,"args":{"op_name":"Relu"}},
                 {"cat":"Node","name":"conv2_kernel_time","dur":30,"args":{"op_name":"Conv"}},
                 {"cat":"Session","name":"model_run","dur":150},
                 {"cat":"Node","name":"conv1_kernel_time","dur":120,"args":{"op_name":"Conv"}},
                 {"cat":"Node","name":"relu_kernel_time","dur":14,"args":{"op_name":"Relu"}},
                 {"cat":"Node","name":"conv2_kernel_time","dur":34,"args":{"op_name":"Conv"}},
                 {"cat":"Session","name":"model_run","dur":180}]""";
        OpProfile p = OpProfile.parse(new ObjectMapper().readTree(trace), 1, 2);
        assertThat(p.nodes()).containsOnlyKeys("conv1", "relu", "conv2");
        assertThat(p.nodes().get("conv1")).isCloseTo(110, within(1e-9));
        assertThat(p.nodes().get("conv2")).isCloseTo(32, within(1e-9));
        assertThat(p.totalUs()).isCloseTo(165, within(1e-9));
        assertThat(p.byOpType()).containsExactly(java.util.Map.entry("Conv", 142.0), java.util.Map.entry("Relu", 12.0));
        assertThat(p.kernelUs()).isCloseTo(154, within(1e-9));
    }

    @Test
    void profilesTheSampleModelInOnnxRuntime() throws Exception {
        byte[] model = Files.readAllBytes(Path.of("assets/models/fashion-resnet.onnx"));
        OpProfile p = OpProfile.measure(model, RuntimeOptions.DEFAULT, 2, 5);
        assertThat(p.runs()).isEqualTo(5);
        assertThat(p.totalUs()).isPositive();
        assertThat(p.kernelUs()).isPositive().isLessThanOrEqualTo(p.totalUs());
        // The sample has nine convolutions and one Gemm; ORT may fuse the BN/ReLU into them but keeps each conv.
        assertThat(p.opTypes().values().stream().filter(t -> t.contains("Conv")).count()).isEqualTo(9);
        assertThat(p.opTypes()).containsValue("Gemm");
    }
}
