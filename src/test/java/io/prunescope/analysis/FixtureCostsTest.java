package io.prunescope.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import io.prunescope.model.InputBindings;
import io.prunescope.model.Model;
import io.prunescope.model.Node;
import io.prunescope.onnx.OnnxDocument;
import io.prunescope.ops.LayerKind;
import io.prunescope.runtime.OrtShapeFallback;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Costs of the fixture models against two independent references: DESIGN §7's table (params exact, MACs to 0.1%)
 * and reference-costs.json (exact, from Python's onnx shape inference). Also: every tensor gets a concrete shape.
 */
class FixtureCostsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // key in reference-costs.json, file, DESIGN params, DESIGN MACs, static inference alone suffices
            "resnet18,    src/test/resources/fixtures/resnet18.onnx.gz,    11684712, 1.814e9, true",
            "resnet50,    src/test/resources/fixtures/resnet50.onnx.gz,    25530472, 4.089e9, true",
            "mobilenetv2, src/test/resources/fixtures/mobilenetv2.onnx.gz, 3487816,  0.301e9, true",
            "yolov5s,     src/test/resources/fixtures/yolov5s.onnx.gz,     7225885,  8.217e9, false",
            "yolov5n-320, src/test/resources/fixtures/yolov5n-320.onnx.gz, 1867405,  0.559e9, false",
            "yolov5n,     src/test/resources/fixtures/yolov5n-random.onnx,                      1867405,  0.559e9, false",
    })
    void matchesDesignAndReference(String key, String file, long designParams, double designMacs,
                                   boolean staticOnly) throws Exception {
        OnnxDocument doc = Fixtures.read(Path.of(file));
        JsonNode ref = Fixtures.referenceCosts().get(key);
        assertThat(ref).as("reference-costs.json has " + key).isNotNull();

        ModelAnalysis a = ModelAnalyzer.analyze(doc.model(), InputBindings.none(), new OrtShapeFallback(doc));
        System.out.printf("%s: params %,d  MACs %,d  layers %d  from fallback %s%n", key, a.totalParams(),
                a.totalMacs(), a.prunableLayers().size(), a.shapeReport().fromFallback());

        assertThat(a.totalParams()).isEqualTo(designParams).isEqualTo(ref.get("params").asLong());
        assertThat(a.totalMacs()).isEqualTo(ref.get("macs").asLong());
        assertThat(Math.abs(a.totalMacs() - designMacs) / designMacs).as("MACs vs DESIGN").isLessThan(0.001);
        assertEveryTensorConcrete(a);

        ShapeInference.Result staticOnlyResult = ShapeInference.infer(doc.model(), a.inputShapes());
        if (staticOnly) {
            assertThat(staticOnlyResult.unresolved()).isEmpty();
            assertThat(a.shapeReport().fromFallback()).isEmpty();
        }
        System.out.printf("%s: static inference alone leaves %d tensors unknown %s; unknown ops %s%n", key,
                staticOnlyResult.unresolved().size(), staticOnlyResult.unresolved(),
                staticOnlyResult.unsupportedOps());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "yolov5n-bn,     src/test/resources/fixtures/yolov5n-bn.onnx.gz",
            "fashion-resnet, assets/models/fashion-resnet.onnx",
    })
    void batchNormModelsMatchReference(String key, String file) throws Exception {
        OnnxDocument doc = Fixtures.read(Path.of(file));
        JsonNode ref = Fixtures.referenceCosts().get(key);
        assertThat(ref).as("reference-costs.json has " + key).isNotNull();
        ModelAnalysis a = ModelAnalyzer.analyze(doc.model(), InputBindings.none(), new OrtShapeFallback(doc));
        System.out.printf("%s: params %,d  MACs %,d%n", key, a.totalParams(), a.totalMacs());
        assertThat(a.totalParams()).isEqualTo(ref.get("params").asLong());
        assertThat(a.totalMacs()).isEqualTo(ref.get("macs").asLong());
        assertEveryTensorConcrete(a);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"resnet18.onnx.gz, 21, 20", "resnet50.onnx.gz, 54, 53", "mobilenetv2.onnx.gz, 53, 52"})
    void prunableLayersOfTorchvisionModels(String file, int layers, int convs) throws Exception {
        Model m = Fixtures.read(Fixtures.fixture(file)).model();
        List<PrunableLayer> found = PrunableLayers.find(m.graph());
        assertThat(found).hasSize(layers);
        assertThat(found.stream().filter(l -> l.kind() == LayerKind.CONV).count()).isEqualTo(convs);
        PrunableLayer fc = found.get(found.size() - 1);
        assertThat(fc.kind()).isEqualTo(LayerKind.GEMM);
        assertThat(fc.outputUnits()).isEqualTo(1000);
        for (PrunableLayer l : found) {
            assertThat(l.weight().dims()[0]).isPositive();
            if (l.kind() == LayerKind.CONV) {
                assertThat(l.weight().dims()[0]).isEqualTo(l.outputUnits());
                assertThat(l.biasName()).as(l.name() + " has its folded BN bias").isNotNull();
            }
        }
    }

    static void assertEveryTensorConcrete(ModelAnalysis a) {
        List<String> missing = new ArrayList<>();
        Map<String, long[]> shapes = a.shapes();
        for (Node n : a.model().graph().nodes()) {
            for (String t : n.inputs()) {
                if (!t.isEmpty() && !shapes.containsKey(t)) {
                    missing.add(t);
                }
            }
            for (String t : n.outputs()) {
                if (!t.isEmpty() && !shapes.containsKey(t)) {
                    missing.add(t);
                }
            }
        }
        a.model().graph().outputs().forEach(o -> {
            if (!shapes.containsKey(o.name())) {
                missing.add(o.name());
            }
        });
        assertThat(missing).as("tensors without a concrete shape").isEmpty();
        assertThat(a.shapeReport().unresolved()).isEmpty();
    }
}
