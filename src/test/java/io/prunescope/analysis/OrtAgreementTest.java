package io.prunescope.analysis;

import io.prunescope.model.InputBindings;
import io.prunescope.model.Model;
import io.prunescope.model.Node;
import io.prunescope.onnx.OnnxDocument;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Static shapes agree with ONNX Runtime's, for every node output (ORT runs the model with every output exposed). */
class OrtAgreementTest {

    @ParameterizedTest
    @ValueSource(strings = {"assets/models/fashion-resnet.onnx", "assets/models/yolov5n.onnx",
            "src/test/resources/fixtures/yolov5n-bn.onnx.gz"})
    void staticShapesEqualOrtShapes(String file) throws Exception {
        OnnxDocument doc = Fixtures.read(Path.of(file));
        Model m = doc.model();
        Map<String, long[]> inputs = InputBindings.none().resolve(m);
        ShapeInference.Result stat = ShapeInference.infer(m, inputs);
        List<String> all = new ArrayList<>();
        for (Node n : m.graph().nodes()) {
            n.outputs().stream().filter(o -> !o.isEmpty()).forEach(all::add);
        }
        Map<String, long[]> ort = new OrtShapeFallback(doc).probe(inputs, all);
        assertThat(ort.keySet()).as("ORT reports every output").containsAll(all);
        List<String> differ = new ArrayList<>();
        for (String t : all) {
            long[] s = stat.shape(t);
            if (s == null || !Arrays.equals(s, ort.get(t))) {
                differ.add(t + ": static " + (s == null ? "unknown" : Arrays.toString(s)) + " vs ORT "
                        + Arrays.toString(ort.get(t)));
            }
        }
        System.out.printf("%s: %d node outputs compared with ONNX Runtime%n", file, all.size());
        assertThat(differ).isEmpty();
    }
}
