package io.prunescope.graphview;

import io.prunescope.analysis.PrunableLayers;
import io.prunescope.model.Graph;
import io.prunescope.onnx.OnnxReader;
import io.prunescope.task.CancellationToken;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Module hierarchy from exporter node names, and collapsed modules in the view graph. */
class ModuleTreeTest {

    static Graph resnet18() throws Exception {
        return new OnnxReader().read(Path.of("src/test/resources/fixtures/resnet18.onnx.gz")).model().graph();
    }

    @Test
    void theC3BlockOfModel2HoldsItsConvsAndItsBottleneck() throws Exception {
        Graph g = GraphFoldTest.graph("yolov5s-tangle.onnx.gz");
        ModuleTree t = ModuleTree.of(g);
        List<String> top = t.root().children().stream().map(ModuleTree.Module::name).toList();
        assertThat(top).startsWith("model.0", "model.1", "model.2").contains("model.24").hasSize(25);
        ModuleTree.Module c3 = t.find("model.2").orElseThrow();
        // m holds only m.0 (YOLOv5s repeats its first Bottleneck once), so the two levels are merged into one
        assertThat(c3.children()).extracting(ModuleTree.Module::name)
                .containsExactlyInAnyOrder("cv1", "m/m.0", "cv2", "cv3");
        ModuleTree.Module bottleneck = t.find("model.2/m/m.0").orElseThrow();
        assertThat(bottleneck.children()).extracting(ModuleTree.Module::name).containsExactly("cv1", "cv2");
        assertThat(t.find("model.4/m").orElseThrow().children()).extracting(ModuleTree.Module::name)
                .containsExactly("m.0", "m.1");
        // every Conv whose name starts with /model.2/ is inside, and no other
        Set<Integer> inside = new HashSet<>(c3.allNodes());
        g.nodes().forEach(n -> assertThat(inside.contains(n.index())).as(n.name())
                .isEqualTo(n.name().startsWith("/model.2/")));
        assertThat(t.ownerOf(g.findNode("/model.2/m/m.0/cv1/conv/Conv").orElseThrow().index()).path())
                .isEqualTo("model.2/m/m.0/cv1/conv");
    }

    @Test
    void resnetStagesGroupTheirBlocks() throws Exception {
        Graph g = resnet18();
        ModuleTree t = ModuleTree.of(g);
        assertThat(t.root().children()).extracting(ModuleTree.Module::name)
                .containsExactly("conv1", "relu", "maxpool", "layer1", "layer2", "layer3", "layer4", "avgpool", "fc");
        assertThat(t.find("layer3").orElseThrow().children()).extracting(ModuleTree.Module::name)
                .containsExactly("layer3.0", "layer3.1");
        // the flat /Flatten sits at the root
        assertThat(t.ownerOf(g.findNode("/Flatten").orElseThrow().index()).isRoot()).isTrue();
    }

    @Test
    void flatPaddleNamesStayAtTheRootAndTfScopesMergeSingleChildLevels() throws Exception {
        Graph p = GraphFoldTest.graph("paddle-style.onnx.gz");
        ModuleTree tp = ModuleTree.of(p);
        assertThat(tp.modules()).isEmpty();
        assertThat(tp.root().nodes()).hasSize(p.nodes().size());
        Graph tf = GraphFoldTest.graph("tf-style.onnx.gz");
        ModuleTree tt = ModuleTree.of(tf);
        assertThat(tt.root().children()).extracting(ModuleTree.Module::name)
                .containsExactly("StatefulPartitionedCall/model");
        assertThat(tt.find("StatefulPartitionedCall/model").orElseThrow().children())
                .extracting(ModuleTree.Module::name).contains("conv2d", "conv2d_1", "flatten", "dense");
    }

    @Test
    void collapsingEveryTopModuleKeepsOneBoxPerModuleAndEveryPrunableLayerInsideOne() throws Exception {
        Graph g = GraphFoldTest.graph("yolov5s-tangle.onnx.gz");
        GraphFold f = GraphFold.of(g, CancellationToken.NEVER);
        ModuleTree t = ModuleTree.of(g);
        Set<String> top = t.root().children().stream().map(ModuleTree.Module::path).collect(Collectors.toSet());
        ViewGraph v = ViewGraph.build(g, f, t, ViewOptions.folded().withCollapsed(top));
        assertThat(v.count(ViewGraph.Kind.MODULE)).isEqualTo(25);
        assertThat(v.count(ViewGraph.Kind.NODE)).isZero();
        PrunableLayers.find(g).forEach(l -> {
            ViewGraph.Vertex x = v.vertexOf(l.node().index()).orElseThrow();
            assertThat(x.kind()).isEqualTo(ViewGraph.Kind.MODULE);
            assertThat(x.module().contains(t.ownerOf(l.node().index()))).isTrue();
        });
        // the backbone is a chain: model.k feeds model.k+1 for k < 9, and every module is reached from the input
        for (int k = 0; k < 9; k++) {
            int from = vertexOfModule(v, "model." + k);
            int to = vertexOfModule(v, "model." + (k + 1));
            assertThat(v.links()).anyMatch(l -> l.from() == from && l.to() == to);
        }
        assertThat(GraphFoldTest.reachableFromInputs(v)).hasSize(v.vertices().size());
        // expanding one module shows its own nodes again, the rest stay collapsed
        ViewGraph one = ViewGraph.build(g, f, t, ViewOptions.folded().withCollapsed(top).expand("model.2"));
        assertThat(one.count(ViewGraph.Kind.MODULE)).isEqualTo(24);
        long drawnInC3 = t.find("model.2").orElseThrow().allNodes().stream().filter(i -> !f.isFolded(i)).count();
        assertThat(one.count(ViewGraph.Kind.NODE)).isEqualTo(drawnInC3);
    }

    private static int vertexOfModule(ViewGraph v, String path) {
        return v.vertices().stream().filter(x -> x.kind() == ViewGraph.Kind.MODULE && x.module().path().equals(path))
                .findFirst().orElseThrow().id();
    }
}
