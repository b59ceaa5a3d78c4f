package io.prunescope.graphview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prunescope.analysis.PrunableLayer;
import io.prunescope.analysis.PrunableLayers;
import io.prunescope.model.Graph;
import io.prunescope.model.Node;
import io.prunescope.onnx.OnnxReader;
import io.prunescope.task.CancellationToken;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fold on graphs built the way exporters build them (src/tools/make_view_fixtures.py). Counts are compared
 * with expected-fold.json, which the generator computes with its own Python implementation of the rule.
 */
class GraphFoldTest {

    static final Path DIR = Path.of("src/test/resources/view");

    static Graph graph(String file) throws Exception {
        return new OnnxReader().read(DIR.resolve(file)).model().graph();
    }

    @ParameterizedTest
    @ValueSource(strings = {"yolov5s-tangle.onnx.gz", "yolov5n-tangle.onnx.gz", "paddle-style.onnx.gz",
            "tf-style.onnx.gz"})
    void foldCountsMatchTheIndependentReference(String file) throws Exception {
        Graph g = graph(file);
        JsonNode want = new ObjectMapper().readTree(DIR.resolve("expected-fold.json").toFile()).get(file);
        GraphFold f = GraphFold.of(g, CancellationToken.NEVER);
        assertThat(g.nodes()).hasSize(want.get("nodes").asInt());
        assertThat(f.count(GraphFold.Reason.CONSTANT)).isEqualTo(want.get("constant").asInt());
        assertThat(f.count(GraphFold.Reason.SHAPE)).isEqualTo(want.get("shape").asInt());
        assertThat(f.count(GraphFold.Reason.PASS_THROUGH)).isEqualTo(want.get("pass").asInt());
        ViewGraph v = ViewGraph.build(g, f, ModuleTree.of(g), ViewOptions.folded());
        assertThat(v.count(ViewGraph.Kind.NODE)).isEqualTo(want.get("drawn").asLong());
        ViewGraph all = ViewGraph.build(g, f, ModuleTree.of(g), ViewOptions.folded().withShowEverything(true));
        assertThat(all.count(ViewGraph.Kind.NODE)).isEqualTo(g.nodes().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"yolov5s-tangle.onnx.gz", "paddle-style.onnx.gz", "tf-style.onnx.gz"})
    void noConstantOrShapeOpIsDrawnAndEveryPrunableLayerIsReachableFromTheInput(String file) throws Exception {
        Graph g = graph(file);
        GraphFold f = GraphFold.of(g, CancellationToken.NEVER);
        ViewGraph v = ViewGraph.build(g, f, ModuleTree.of(g), ViewOptions.folded());
        List<String> drawnOps = v.vertices().stream().filter(x -> x.kind() == ViewGraph.Kind.NODE)
                .map(x -> x.node().opType()).toList();
        assertThat(drawnOps).doesNotContain("Constant", "Shape", "Gather", "Unsqueeze", "ConstantOfShape", "Range");
        List<PrunableLayer> layers = PrunableLayers.find(g);
        assertThat(layers).isNotEmpty();
        Set<Integer> reached = reachableFromInputs(v);
        for (PrunableLayer l : layers) {
            ViewGraph.Vertex vx = v.vertexOf(l.node().index()).orElseThrow();
            assertThat(vx.node()).isEqualTo(l.node());
            assertThat(reached).as(l.name()).contains(vx.id());
        }
    }

    @Test
    void theTangleFoldsItsReshapeArithmeticIntoTheReshapesAndExpandsOnDemand() throws Exception {
        Graph g = graph("yolov5s-tangle.onnx.gz");
        GraphFold f = GraphFold.of(g, CancellationToken.NEVER);
        // the first Detect level: the Reshape of the level's conv output reads a shape built by Concat of Unsqueezes
        Node reshape = g.nodes().stream().filter(n -> n.opType().equals("Reshape")
                && g.producer(n.input(0)).map(p -> p.opType().equals("Conv")).orElse(false)).findFirst().orElseThrow();
        Node concat = g.producer(reshape.input(1)).orElseThrow();
        assertThat(concat.opType()).isEqualTo("Concat");
        assertThat(f.reason(concat.index())).contains(GraphFold.Reason.SHAPE);
        assertThat(f.host(concat.index())).isEqualTo(reshape.index());
        List<Integer> inside = f.foldedInto(reshape.index());
        assertThat(inside).contains(concat.index());
        // everything folded into the reshape is upstream of its shape input, and no constant is in the marker
        Set<Integer> upstream = upstream(g, reshape.input(1));
        assertThat(upstream).containsAll(inside);
        assertThat(inside).allMatch(i -> !g.node(i).opType().equals("Constant"));
        ModuleTree t = ModuleTree.of(g);
        ViewGraph folded = ViewGraph.build(g, f, t, ViewOptions.folded());
        ViewGraph open = ViewGraph.build(g, f, t, ViewOptions.folded().toggleHost(reshape.index()));
        assertThat(folded.vertexOf(reshape.index()).orElseThrow().folded()).isEqualTo(inside.size());
        assertThat(open.count(ViewGraph.Kind.NODE)).isEqualTo(folded.count(ViewGraph.Kind.NODE) + inside.size());
        int concatVertex = open.vertexOf(concat.index()).orElseThrow().id();
        int reshapeVertex = open.vertexOf(reshape.index()).orElseThrow().id();
        assertThat(open.links()).anyMatch(l -> l.from() == concatVertex && l.to() == reshapeVertex);
    }

    @Test
    void anIdentityIsFoldedWithTheEdgeRunningThroughIt() throws Exception {
        Graph g = graph("tf-style.onnx.gz");
        GraphFold f = GraphFold.of(g, CancellationToken.NEVER);
        Node identity = g.nodes().stream().filter(n -> n.opType().equals("Identity")).findFirst().orElseThrow();
        assertThat(f.reason(identity.index())).contains(GraphFold.Reason.PASS_THROUGH);
        Node relu = g.producer(identity.input(0)).orElseThrow();
        Node transpose = g.consumers(identity.output(0)).get(0);
        ViewGraph v = ViewGraph.build(g, f, ModuleTree.of(g), ViewOptions.folded());
        int from = v.vertexOf(relu.index()).orElseThrow().id();
        int to = v.vertexOf(transpose.index()).orElseThrow().id();
        assertThat(v.links()).contains(new ViewGraph.Link(from, to, identity.output(0)));
        // the Cast that writes the graph output stays, as every node writing a graph output does
        Node cast = g.nodes().get(g.nodes().size() - 1);
        assertThat(cast.opType()).isEqualTo("Cast");
        assertThat(f.isFolded(cast.index())).isFalse();
    }

    static Set<Integer> reachableFromInputs(ViewGraph v) {
        Deque<Integer> todo = new ArrayDeque<>();
        Set<Integer> seen = new HashSet<>();
        v.vertices().stream().filter(x -> x.kind() == ViewGraph.Kind.INPUT).forEach(x -> todo.add(x.id()));
        while (!todo.isEmpty()) {
            int x = todo.poll();
            if (seen.add(x)) {
                v.links().stream().filter(l -> l.from() == x).forEach(l -> todo.add(l.to()));
            }
        }
        return seen;
    }

    private static Set<Integer> upstream(Graph g, String tensor) {
        Set<Integer> out = new HashSet<>();
        List<String> todo = new ArrayList<>(List.of(tensor));
        while (!todo.isEmpty()) {
            String t = todo.remove(todo.size() - 1);
            g.producer(t).ifPresent(p -> {
                if (out.add(p.index())) {
                    todo.addAll(p.inputs());
                }
            });
        }
        return out;
    }
}
