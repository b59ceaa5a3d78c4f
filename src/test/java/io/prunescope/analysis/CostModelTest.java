package io.prunescope.analysis;

import io.prunescope.model.InputBindings;
import io.prunescope.model.Model;
import io.prunescope.ops.LayerKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hand-computed parameters and MACs. */
class CostModelTest {

    private static ModelAnalysis analyze(TestModels b) {
        return ModelAnalyzer.analyze(b.build(), InputBindings.none(), ShapeFallback.NONE);
    }

    private static NodeCost cost(ModelAnalysis a, String nodeName) {
        return a.costs().stream().filter(c -> c.node().displayName().equals(nodeName)).findFirst().orElseThrow();
    }

    @Test
    void convFamily() {
        ModelAnalysis a = analyze(new TestModels().input("x", 1, 8, 10, 10)
                .weight("w", 16, 2, 3, 3).weight("b", 16).weight("wt", 8, 4, 3, 3).weight("w1", 4, 8, 5)
                .op("Conv").name("grouped").in("x", "w", "b").out("y").i("group", 4).add()
                .op("ConvTranspose").name("up").in("x", "wt").out("t").ints("strides", 2, 2).i("group", 2).add());
        // 16 · (8/4) · 3·3 · 8·8
        assertThat(cost(a, "grouped").macs()).isEqualTo(16L * 2 * 9 * 64);
        assertThat(cost(a, "grouped").params()).isEqualTo(16 * 2 * 9 + 16);
        // Cin · (Cout/g) · k·k · Hin·Win = 8 · 4 · 9 · 100
        assertThat(cost(a, "up").macs()).isEqualTo(8L * 4 * 9 * 100);
        assertThat(cost(a, "up").params()).isEqualTo(8 * 4 * 9);
        assertThat(a.totalFlops()).isEqualTo(2 * a.totalMacs());

        ModelAnalysis oneD = analyze(new TestModels().input("x", 2, 8, 20).weight("w", 4, 8, 5)
                .op("Conv").name("c1").in("x", "w").out("y").add());
        // batch 2 · 4 · 8 · 5 · 16
        assertThat(cost(oneD, "c1").macs()).isEqualTo(2L * 4 * 8 * 5 * 16);
    }

    @Test
    void denseLayers() {
        ModelAnalysis a = analyze(new TestModels().input("x", 4, 10).weight("w", 6, 10).weight("c", 6)
                .weight("m", 10, 3).weight("mb", 3)
                .op("Gemm").name("fc").in("x", "w", "c").out("y").i("transB", 1).add()
                .op("MatMul").name("mm").in("x", "m").out("z").add()
                .op("Add").name("bias").in("z", "mb").out("zb").add());
        assertThat(cost(a, "fc").macs()).isEqualTo(4 * 6 * 10);
        assertThat(cost(a, "fc").params()).isEqualTo(66);
        assertThat(cost(a, "mm").macs()).isEqualTo(4 * 3 * 10);
        assertThat(cost(a, "mm").params()).isEqualTo(30);
        assertThat(cost(a, "bias").params()).isEqualTo(3);

        ModelAnalysis batched = analyze(new TestModels().input("x", 2, 3, 4, 5).input("y", 2, 3, 5, 6)
                .op("MatMul").name("bmm").in("x", "y").out("z").add());
        // batch 2·3, M 4, N 6, K 5; no constant operand -> no params
        assertThat(cost(batched, "bmm").macs()).isEqualTo(2 * 3 * 4 * 6 * 5);
        assertThat(cost(batched, "bmm").params()).isZero();
    }

    @Test
    void normalisationPReluAndSharedConstants() {
        ModelAnalysis a = analyze(new TestModels().input("x", 1, 4, 6, 6)
                .weight("w", 4, 4, 1, 1).weight("g", 4).weight("be", 4).weight("mean", 4).weight("var", 4)
                .weight("slope", 4, 1, 1).weight("ln_s", 6).weight("ln_b", 6)
                .op("Conv").name("c1").in("x", "w").out("a").add()
                .op("Conv").name("c2").in("a", "w").out("b").add()          // shares c1's weight
                .op("BatchNormalization").name("bn").in("b", "g", "be", "mean", "var").out("n").add()
                .op("PRelu").name("prelu").in("n", "slope").out("p").add()
                .op("InstanceNormalization").name("in").in("p", "g", "be").out("q").add() // shares bn's
                .op("LayerNormalization").name("ln").in("q", "ln_s", "ln_b").out("l").add()
                .op("Relu").name("relu").in("l").out("r").add());
        assertThat(cost(a, "c1").params()).isEqualTo(16);
        assertThat(cost(a, "c2").params()).isZero();
        assertThat(cost(a, "c2").macs()).isEqualTo(16 * 36);
        assertThat(cost(a, "bn").params()).isEqualTo(8); // running mean/var are buffers
        assertThat(cost(a, "prelu").params()).isEqualTo(4);
        assertThat(cost(a, "in").params()).isZero();
        assertThat(cost(a, "ln").params()).isEqualTo(12);
        assertThat(cost(a, "relu").params()).isZero();
        assertThat(a.totalParams()).isEqualTo(16 + 8 + 4 + 12);
    }

    @Test
    void weightsInConstantNodesAndThroughIdentity() {
        ModelAnalysis a = analyze(new TestModels().input("x", 1, 3, 8, 8)
                .constantNode("w", 8, 3, 3, 3)
                .op("Identity").in("w").out("w_copy").add()
                .op("Conv").name("c1").in("x", "w").out("y").add()
                .op("Conv").name("c2").in("x", "w_copy").out("z").add());
        assertThat(cost(a, "c1").params()).isEqualTo(8 * 27);
        assertThat(cost(a, "c2").params()).isZero(); // same constant
        assertThat(a.prunableLayers()).hasSize(2);
        assertThat(a.prunableLayers().get(1).weight().name()).isEqualTo("w");
    }

    @Test
    void prunableLayers() {
        ModelAnalysis a = analyze(new TestModels().input("x", 2, 8, 4, 4)
                .weight("w", 16, 2, 3, 3).weight("b", 16).weight("dw", 16, 1, 3, 3).weight("wt", 16, 4, 2, 2)
                .weight("fc", 10, 256).weight("fcb", 10).weight("fct", 256, 10).weight("mm", 10, 5).weight("mmb", 5)
                .ints("flat", 2, 256)
                .op("Conv").name("conv").in("x", "w", "b").out("a").i("group", 4).ints("pads", 1, 1, 1, 1).add()
                .op("Conv").name("dw").in("a", "dw").out("d").i("group", 16).ints("pads", 1, 1, 1, 1).add()
                .op("ConvTranspose").name("up").in("d", "wt").out("u").i("group", 2).add()
                .op("GlobalAveragePool").in("u").out("g").add()
                .op("Reshape").in("d", "flat").out("f").add()
                .op("Gemm").name("fc").in("f", "fc", "fcb").out("o").i("transB", 1).add()
                .op("Gemm").name("fct").in("f", "fct").out("o2").add()
                .op("MatMul").name("mm").in("o", "mm").out("m").add()
                .op("Add").in("m", "mmb").out("mo").add()
                .op("Transpose").in("o2").out("o2t").add()
                .op("MatMul").name("act").in("o", "o2t").out("nope").add());
        assertThat(a.prunableLayers()).extracting(PrunableLayer::name)
                .containsExactly("conv", "dw", "up", "fc", "fct", "mm");
        PrunableLayer conv = a.layer("conv").orElseThrow();
        assertThat(conv.kind()).isEqualTo(LayerKind.CONV);
        assertThat(conv.outputUnits()).isEqualTo(16);
        assertThat(conv.inputUnits()).isEqualTo(8);
        assertThat(conv.groups()).isEqualTo(4);
        assertThat(conv.biasName()).isEqualTo("b");
        assertThat(conv.isDepthwise()).isFalse();
        assertThat(a.layer("dw").orElseThrow().isDepthwise()).isTrue();
        PrunableLayer up = a.layer("up").orElseThrow();
        assertThat(up.kind()).isEqualTo(LayerKind.CONV_TRANSPOSE);
        assertThat(up.outputUnits()).isEqualTo(8);
        assertThat(up.inputUnits()).isEqualTo(16);
        PrunableLayer fc = a.layer("fc").orElseThrow();
        assertThat(fc.outputUnits()).isEqualTo(10);
        assertThat(fc.inputUnits()).isEqualTo(256);
        assertThat(fc.transposed()).isFalse();
        PrunableLayer fct = a.layer("fct").orElseThrow();
        assertThat(fct.outputUnits()).isEqualTo(10);
        assertThat(fct.transposed()).isTrue();
        PrunableLayer mm = a.layer("mm").orElseThrow();
        assertThat(mm.kind()).isEqualTo(LayerKind.MATMUL);
        assertThat(mm.outputUnits()).isEqualTo(5);
        assertThat(mm.inputUnits()).isEqualTo(10);
        assertThat(mm.biasName()).isEqualTo("mmb");
        assertThat(mm.weightInputIndex()).isEqualTo(1);
    }

    @Test
    void symbolicInputsMustBeBound() {
        TestModels b = new TestModels().symbolicInput("x", "batch", 3, "height", "width").weight("w", 4, 3, 3, 3)
                .op("Conv").in("x", "w").out("y").add();
        Model m = b.build();
        assertThatThrownBy(() -> ModelAnalyzer.analyze(m, InputBindings.none(), ShapeFallback.NONE))
                .isInstanceOf(InputBindings.UnboundDimensionsException.class)
                .hasMessageContaining("height").hasMessageContaining("width");
        ModelAnalysis a = ModelAnalyzer.analyze(m, InputBindings.none().withSymbol("height", 16)
                .withSymbol("width", 8), ShapeFallback.NONE);
        assertThat(a.shape("y").orElseThrow()).containsExactly(1, 4, 14, 6);
        assertThat(a.inputShapes().get("x")).containsExactly(1, 3, 16, 8);
    }
}
