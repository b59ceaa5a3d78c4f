package io.prunescope.ops;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.analysis.ModelAnalyzer;
import io.prunescope.analysis.ShapeFallback;
import io.prunescope.analysis.TestModels;
import io.prunescope.dependency.ChannelGroup;
import io.prunescope.dependency.DependencyGraph;
import io.prunescope.model.InputBindings;
import io.prunescope.model.Model;
import io.prunescope.model.Node;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Shapes, coupling and costs agree on every op because they read one registry. */
class OpRegistryTest {

    /** x → Conv c1 (8 filters) → {@code op} → Conv c2 → y, at opset {@code opset}. */
    private static ModelAnalysis convOpConv(String op, long opset) {
        TestModels b = new TestModels(opset).input("x", 1, 3, 8, 8).weight("w1", 8, 3, 3, 3).weight("w2", 4, 8, 3, 3)
                .op("Conv").name("c1").in("x", "w1").out("a").ints("pads", 1, 1, 1, 1).add()
                .op(op).name("mid").in("a").out("b").add()
                .op("Conv").name("c2").in("b", "w2").out("y").ints("pads", 1, 1, 1, 1).add()
                .output("y");
        Model m = b.build();
        return ModelAnalyzer.analyze(m, InputBindings.none(), ShapeFallback.NONE);
    }

    private static ChannelGroup c1Group(ModelAnalysis a) {
        DependencyGraph d = DependencyGraph.of(a);
        return d.outputGroup(a.model().graph().findNode("c1").orElseThrow()).orElseThrow();
    }

    @Test
    void anOpWithoutARuleIsUnknownToShapesCouplingAndCostsWithOneMessage() {
        ModelAnalysis a = convOpConv("NoSuchOp", 17);
        Node mid = a.model().graph().findNode("mid").orElseThrow();
        assertThat(OpRegistry.rule(mid)).isEmpty();
        assertThat(a.shapeReport().unsupportedOps()).containsEntry("NoSuchOp", 1);
        assertThat(a.shape("b")).isEmpty();
        assertThat(a.cost(mid).macs()).isZero();
        ChannelGroup g = c1Group(a);
        assertThat(g.isPrunable()).isFalse();
        assertThat(g.whyNotPrunable()).isEqualTo(OpRegistry.unknownReason(mid))
                .contains("NoSuchOp 'mid' has no rule in PruneScope's op registry");
    }

    @Test
    void tanAndBitwiseNotAreUnaryForShapesAndForCoupling() {
        for (String op : new String[]{"Tan", "BitwiseNot", "Atanh"}) {
            ModelAnalysis a = convOpConv(op, 18);
            assertThat(a.shape("b")).as(op).hasValue(new long[]{1, 8, 8, 8});
            ChannelGroup g = c1Group(a);
            assertThat(g.isPrunable()).as(op).isTrue();
            assertThat(g.members(MemberRole.CONSUMER)).as(op).anyMatch(m -> m.node().displayName().equals("c2"));
        }
    }

    @Test
    void softmaxDefaultAxisIsTheChannelAxisBeforeOpset13AndTheLastAxisFrom13() {
        ChannelGroup old = c1Group(convOpConv("Softmax", 11));
        assertThat(old.isPrunable()).isFalse();
        assertThat(old.whyNotPrunable()).contains("Softmax 'mid' normalises across channels");
        assertThat(c1Group(convOpConv("Softmax", 13)).isPrunable()).isTrue();
    }

    @Test
    void convCostAndLayerComeFromTheConvRule() {
        ModelAnalysis a = convOpConv("Relu", 17);
        Node c2 = a.model().graph().findNode("c2").orElseThrow();
        assertThat(OpRegistry.rule(c2)).get().isInstanceOf(ConvRule.class);
        // 4 filters · 8 channels · 3·3 · 8·8 outputs
        assertThat(a.cost(c2).macs()).isEqualTo(4L * 8 * 9 * 64);
        assertThat(a.cost(c2).params()).isEqualTo(4L * 8 * 9);
        assertThat(a.layer("c2")).get().satisfies(l -> {
            assertThat(l.kind()).isEqualTo(LayerKind.CONV);
            assertThat(l.outputUnits()).isEqualTo(4);
            assertThat(l.inputUnits()).isEqualTo(8);
        });
    }

    @Test
    void everyOpTypeHasExactlyOneRule() {
        assertThat(OpRegistry.rules()).containsKeys("Conv", "Gemm", "MatMul", "BatchNormalization",
                "LayerNormalization", "Tan", "BitwiseNot", "Reshape", "Split", "Slice", "If", "Loop", "Scan");
        // The registry refuses to load when two rules claim one op, so reaching here proves uniqueness;
        // each rule's op list must also name only ops it handles in shapes (none throws "unknown").
        OpRegistry.rules().forEach((op, rule) -> assertThat(rule.opTypes()).contains(op));
    }
}
