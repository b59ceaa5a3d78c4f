package io.prunescope.analysis;

import io.prunescope.model.InputBindings;
import io.prunescope.model.Model;
import io.prunescope.model.Node;
import io.prunescope.onnx.OnnxDocument;
import io.prunescope.runtime.OrtShapeFallback;
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
    @ValueSource(strings = {"assets/models/fashion-resnet.onnx", "src/test/resources/fixtures/yolov5n-random.onnx",
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

    @org.junit.jupiter.api.Test
    void ortFallbackFillsWhatStaticInferenceDoesNotKnow() throws Exception {
        OnnxDocument doc = Fixtures.read(Fixtures.YOLOV5N);
        Model m = doc.model();
        // the same graph, but every Sigmoid is an op static inference has never heard of (ORT runs the real file)
        List<Node> nodes = m.graph().nodes().stream().map(n -> n.opType().equals("Sigmoid")
                ? new Node(n.index(), n.name(), "MysteryOp", n.domain(), n.inputs(), n.outputs(), n.attributes())
                : n).toList();
        io.prunescope.model.Graph g = m.graph();
        Model mystery = new Model(m.source(), m.sha256(), m.fileSize(), m.irVersion(), m.opsets(), m.producerName(),
                m.producerVersion(), m.docString(), m.metadata(), new io.prunescope.model.Graph(g.name(), nodes,
                g.inputs(), g.outputs(), g.valueInfos(), g.constants(), Map.of()));
        Map<String, long[]> inputs = InputBindings.none().resolve(m);
        int[] calls = {0};
        OrtShapeFallback ort = new OrtShapeFallback(doc);
        ShapeFallback counting = (in, tensors) -> {
            calls[0]++;
            return ort.probe(in, tensors);
        };
        ShapeInference.Result r = ShapeInference.infer(mystery, inputs, counting, null, null);
        ShapeInference.Result reference = ShapeInference.infer(m, inputs);
        assertThat(calls[0]).isEqualTo(1);
        assertThat(r.unsupportedOps()).containsKey("MysteryOp");
        assertThat(r.unresolved()).isEmpty();
        assertThat(r.fromFallback()).isNotEmpty();
        for (Node n : m.graph().nodes()) {
            for (String o : n.outputs()) {
                assertThat(r.shape(o)).as(o).containsExactly(reference.shape(o));
            }
        }
        ModelAnalysis a = ModelAnalyzer.analyze(mystery, InputBindings.none(), counting);
        assertThat(a.totalMacs()).isEqualTo(Fixtures.referenceCosts().at("/yolov5n/macs").asLong());
    }
}
