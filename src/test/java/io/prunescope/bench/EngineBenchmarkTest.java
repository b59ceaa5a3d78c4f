package io.prunescope.bench;

import io.prunescope.model.Graph;
import io.prunescope.model.ModelEdit;
import io.prunescope.model.Tensor;
import io.prunescope.onnx.OnnxDocument;
import io.prunescope.onnx.OnnxReader;
import io.prunescope.onnx.OnnxWriter;
import io.prunescope.model.InputBindings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EngineBenchmarkTest {

    private static final Path RESIDUAL = Path.of("src/test/resources/coupling/residual.onnx");

    @Test
    void runsOnARealModelWithoutRandomising() {
        EngineBenchmark.Result r = new EngineBenchmark(InputBindings.none(), 3, 1).run(RESIDUAL);
        assertThat(r.ok()).as(r.error()).isTrue();
        assertThat(r.randomised()).isFalse();
        assertThat(r.changes()).isEqualTo(3);
        assertThat(r.changedLayer()).isNotNull();
        assertThat(r.criteria().layers()).isEqualTo(6);
        assertThat(r.paramsAfterBase()).isLessThan(r.paramsBefore());
        assertThat(r.changeP90Ms()).isGreaterThanOrEqualTo(r.changeMedianMs());
        assertThat(r.changeCpuP90Ms()).isGreaterThanOrEqualTo(r.changeCpuMedianMs());
    }

    @Test
    void structureOnlyModelsGetRandomWeights(@TempDir Path dir) throws Exception {
        OnnxDocument doc = new OnnxReader().read(RESIDUAL);
        ModelEdit zero = new ModelEdit();
        for (Map.Entry<String, Tensor> e : doc.model().graph().constants().entrySet()) {
            Tensor t = e.getValue();
            if (t.type().isFloatingPoint()) {
                zero.replaceTensor(Tensor.ofFloats(e.getKey(), t.dims(), new float[(int) t.numel()], t.type()));
            }
        }
        Path zeros = dir.resolve("zeros.onnx");
        Files.write(zeros, new OnnxWriter().toBytes(doc, zero));
        Graph g = new OnnxReader().read(zeros).model().graph();
        assertThat(RandomWeights.allLayerWeightsZero(g)).isTrue();
        assertThat(RandomWeights.allLayerWeightsZero(doc.model().graph())).isFalse();
        Graph random = RandomWeights.randomise(new OnnxReader().read(zeros), 1).model().graph();
        assertThat(RandomWeights.allLayerWeightsZero(random)).isFalse();
        assertThat(random.constants().get("a1.0.weight").dims()).containsExactly(16, 16, 3, 3);
        // BN scales positive, as a trained model's would be
        for (float v : random.constants().get("a1.1.weight").toFloats()) {
            assertThat(v).isBetween(0.5f, 1.5f);
        }
        EngineBenchmark.Result r = new EngineBenchmark(InputBindings.none(), 1, 1).run(zeros);
        assertThat(r.ok()).as(r.error()).isTrue();
        assertThat(r.randomised()).isTrue();
    }

    @Test
    void percentiles() {
        double[] v = {5, 1, 4, 2, 3, 10, 6, 7, 8, 9};
        assertThat(EngineBenchmark.percentile(v, 0.5)).isEqualTo(5.5);
        assertThat(EngineBenchmark.percentile(v, 0.9)).isEqualTo(9);
    }
}
