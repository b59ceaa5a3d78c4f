package io.prunescope.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import io.prunescope.model.Attribute;
import io.prunescope.model.DataType;
import io.prunescope.model.Graph;
import io.prunescope.model.Model;
import io.prunescope.model.ModelEdit;
import io.prunescope.model.Node;
import io.prunescope.model.Shape;
import io.prunescope.model.Tensor;
import io.prunescope.onnx.TestModels.WeightStyle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.prunescope.onnx.TestModels.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** What ModelEdit changes, checked by reading the result back and running it in ONNX Runtime. */
class ModelEditTest {

    @TempDir
    Path dir;

    static final Map<String, long[]> SHAPES = Map.of(INPUT, new long[]{1, CIN, HW, HW});

    private static OnnxDocument doc(ModelProto.Builder m) throws Exception {
        return new OnnxReader().read(m.build().toByteArray());
    }

    private byte[] writeAndCheck(OnnxDocument doc, ModelEdit edit) throws Exception {
        Path out = dir.resolve("edited-" + System.nanoTime() + ".onnx");
        new OnnxWriter().write(doc, edit, out); // the writer re-reads it before moving it in place
        return Files.readAllBytes(out);
    }

    private static int index(Graph g, String name) {
        return g.findNode(name).orElseThrow().index();
    }

    private static float[] out(byte[] model, Map<String, float[]> in) throws Exception {
        return run(model, SHAPES, in, null).get(OUTPUT);
    }

    /**
     * Removing conv output channel k physically (conv, BN, fc column) equals the original with fc's input column k
     * zeroed (DESIGN §6 oracle 3) — shape-changing replaceTensor on initializers and on Constant nodes.
     */
    @ParameterizedTest
    @EnumSource(WeightStyle.class)
    void replaceTensorWithShapeChange(WeightStyle style) throws Exception {
        int k = 5;
        OnnxDocument doc = doc(classifier(12, style));
        Graph g = doc.model().graph();
        ModelEdit prune = new ModelEdit();
        prune.replaceTensor(dropRows(g.constant("conv.weight").orElseThrow(), k));
        for (String v : List.of("conv.bias", "bn.scale", "bn.bias", "bn.mean", "bn.var")) {
            prune.replaceTensor(dropRows(g.constant(v).orElseThrow(), k));
        }
        Tensor fc = g.constant("fc.weight").orElseThrow();
        float[] w = fc.toFloats();
        float[] pruned = new float[CLASSES * (COUT - 1)];
        float[] masked = w.clone();
        for (int o = 0; o < CLASSES; o++) {
            for (int c = 0, j = 0; c < COUT; c++) {
                if (c == k) {
                    masked[o * COUT + c] = 0;
                } else {
                    pruned[o * (COUT - 1) + j++] = w[o * COUT + c];
                }
            }
        }
        prune.replaceTensor(Tensor.ofFloats("fc.weight", new long[]{CLASSES, COUT - 1}, pruned, DataType.FLOAT));
        byte[] smaller = writeAndCheck(doc, prune.dropIntermediateShapes());
        byte[] reference = new OnnxWriter().toBytes(doc, new ModelEdit().replaceTensor(
                Tensor.ofFloats("fc.weight", new long[]{CLASSES, COUT}, masked, DataType.FLOAT)));

        Model m = new OnnxReader().read(smaller).model();
        assertThat(m.graph().constant("conv.weight").orElseThrow().dims()).containsExactly(COUT - 1, CIN, 3, 3);
        assertThat(m.graph().constant("fc.weight").orElseThrow().dims()).containsExactly(CLASSES, COUT - 1);
        assertThat(m.graph().constantSource("conv.weight")).isEqualTo(g.constantSource("conv.weight"));
        Map<String, float[]> in = randomInput(5, SHAPES);
        float[] a = out(smaller, in);
        float[] b = out(reference, in);
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).isCloseTo(b[i], within(1e-5f));
        }
        assertThat(out(smaller, in)).isNotEqualTo(out(new OnnxWriter().toBytes(doc, new ModelEdit()), in));
    }

    private static Tensor dropRows(Tensor t, int row) {
        long[] dims = t.dims();
        int rowSize = (int) (t.numel() / dims[0]);
        float[] v = t.toFloats();
        float[] out = new float[v.length - rowSize];
        System.arraycopy(v, 0, out, 0, row * rowSize);
        System.arraycopy(v, (row + 1) * rowSize, out, row * rowSize, v.length - (row + 1) * rowSize);
        dims[0]--;
        return Tensor.ofFloats(t.name(), dims, out, t.type());
    }

    @Test
    void replaceTensorOnConstantNodeKeepsTheNode() throws Exception {
        OnnxDocument doc = doc(classifier(13, WeightStyle.CONSTANT_NODES));
        Tensor bias = Tensor.ofFloats("fc.bias", new long[]{CLASSES}, new float[CLASSES], DataType.FLOAT);
        byte[] out = writeAndCheck(doc, new ModelEdit().replaceTensor(bias));
        ModelProto p = ModelProto.parseFrom(out);
        assertThat(p.getGraph().getInitializerCount()).isZero();
        NodeProto c = p.getGraph().getNodeList().stream().filter(n -> n.getOutput(0).equals("fc.bias")).findFirst()
                .orElseThrow();
        assertThat(c.getOpType()).isEqualTo("Constant");
        assertThat(c.getName()).isEqualTo("const_fc.bias");
        assertThat(c.getAttributeList()).extracting(a -> a.getName()).containsExactly("value");
        Model m = new OnnxReader().read(out).model();
        assertThat(m.graph().constant("fc.bias").orElseThrow().toFloats()).containsOnly(0f);
    }

    @Test
    void replaceTensorOfValueFloatConstant() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().setName("scale");
        g.addNode(NodeProto.newBuilder().setOpType("Constant").setName("k").addOutput("k")
                .addAttribute(floatAttr("value_float", 2f)));
        g.addInput(valueInfo("x", ai.onnx.proto.OnnxMl.TensorProto.DataType.FLOAT, 1, 4));
        g.addOutput(valueInfo("y", ai.onnx.proto.OnnxMl.TensorProto.DataType.FLOAT, 1, 4));
        g.addNode(node("Mul", "mul", List.of("x", "k"), List.of("y")));
        OnnxDocument doc = doc(model(g, 8, 13));
        byte[] out = writeAndCheck(doc, new ModelEdit().replaceTensor(
                Tensor.ofFloats("k", new long[0], new float[]{3f}, DataType.FLOAT)));
        float[] y = run(out, Map.of("x", new long[]{1, 4}), Map.of("x", new float[]{1, 2, 3, 4}), null).get("y");
        assertThat(y).containsExactly(3, 6, 9, 12);
    }

    @Test
    void setAttribute() throws Exception {
        OnnxDocument doc = doc(classifier(14, WeightStyle.INITIALIZER_RAW));
        Graph g = doc.model().graph();
        ModelEdit edit = new ModelEdit().setAttribute(index(g, "fc"), "beta", new Attribute.FloatValue(0f))
                .setAttribute(index(g, "bn"), "epsilon", new Attribute.FloatValue(1e-5f)) // replaces, not duplicates
                .setAttribute(index(g, "conv"), "dilations", Attribute.IntList.of(1, 1));
        byte[] out = writeAndCheck(doc, edit);
        Graph e = new OnnxReader().read(out).model().graph();
        assertThat(e.findNode("fc").orElseThrow().floatAttr("beta", 1f)).isEqualTo(0f);
        assertThat(e.findNode("fc").orElseThrow().intAttr("transB", 0)).isEqualTo(1);
        assertThat(e.findNode("bn").orElseThrow().attributes()).hasSize(1);
        assertThat(e.findNode("conv").orElseThrow().intsAttr("dilations")).containsExactly(1, 1);
        Map<String, float[]> in = randomInput(6, SHAPES);
        float[] before = out(new OnnxWriter().toBytes(doc, new ModelEdit()), in);
        float[] after = out(out, in);
        float[] bias = g.constant("fc.bias").orElseThrow().toFloats();
        for (int i = 0; i < CLASSES; i++) {
            assertThat(after[i]).isCloseTo(before[i] - bias[i], within(1e-5f));
        }
    }

    @Test
    void removeNodeAndRewire() throws Exception {
        OnnxDocument doc = doc(classifier(15, WeightStyle.INITIALIZER_RAW));
        Graph g = doc.model().graph();
        byte[] out = writeAndCheck(doc, new ModelEdit().removeNode(index(g, "relu")).rewire("relu_out", "bn_out"));
        Graph e = new OnnxReader().read(out).model().graph();
        assertThat(e.nodes()).extracting(Node::opType).doesNotContain("Relu");
        assertThat(e.findNode("gap").orElseThrow().input(0)).isEqualTo("bn_out");
        assertThat(out(out, randomInput(1, SHAPES))).hasSize(CLASSES);
    }

    @Test
    void chainedRewiresAreFollowed() throws Exception {
        OnnxDocument doc = doc(classifier(16, WeightStyle.INITIALIZER_RAW));
        Graph g = doc.model().graph();
        // removing BN and Relu: relu_out -> bn_out -> conv_out
        ModelEdit edit = new ModelEdit().removeNode(index(g, "bn")).removeNode(index(g, "relu"))
                .rewire("bn_out", "conv_out").rewire("relu_out", "bn_out");
        byte[] out = writeAndCheck(doc, edit);
        assertThat(new OnnxReader().read(out).model().graph().findNode("gap").orElseThrow().input(0))
                .isEqualTo("conv_out");
        assertThatThrownBy(() -> new OnnxWriter().toBytes(doc, new ModelEdit().rewire("a", "b").rewire("b", "a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("circle");
    }

    @Test
    void rewiredGraphOutputKeepsItsNameThroughIdentity() throws Exception {
        ModelProto.Builder m = classifier(17, WeightStyle.INITIALIZER_RAW);
        GraphProto.Builder g = m.getGraphBuilder();
        int fcIndex = -1;
        for (int i = 0; i < g.getNodeCount(); i++) {
            if (g.getNode(i).getName().equals("fc")) {
                fcIndex = i;
            }
        }
        g.getNodeBuilder(fcIndex).setOutput(0, "fc_out");
        g.addNode(node("Dropout", "drop", List.of("fc_out"), List.of(OUTPUT)));
        OnnxDocument doc = doc(m);
        int drop = index(doc.model().graph(), "drop");
        byte[] out = writeAndCheck(doc, new ModelEdit().removeNode(drop).rewire(OUTPUT, "fc_out"));
        Model e = new OnnxReader().read(out).model();
        assertThat(e.graph().outputs()).extracting(v -> v.name()).containsExactly(OUTPUT);
        Node keep = e.graph().producer(OUTPUT).orElseThrow();
        assertThat(keep.opType()).isEqualTo("Identity");
        assertThat(keep.inputs()).containsExactly("fc_out");
        assertThat(e.graph().nodes()).extracting(Node::opType).doesNotContain("Dropout");
        Map<String, float[]> in = randomInput(7, SHAPES);
        assertThat(out(out, in)).containsExactly(out(m.build().toByteArray(), in));
    }

    @Test
    void putMetadataAddsAndOverridesInPlace() throws Exception {
        OnnxDocument doc = doc(classifier(18, WeightStyle.INITIALIZER_RAW));
        byte[] out = writeAndCheck(doc, new ModelEdit().putMetadata("author", "someone else")
                .putMetadata("prunescope.source_sha256", doc.model().sha256()));
        Model e = new OnnxReader().read(out).model();
        assertThat(e.metadata().keySet()).containsExactly("author", "imgsz", "prunescope.source_sha256");
        assertThat(e.metadata()).containsEntry("author", "someone else").containsEntry("imgsz", "[8, 8]")
                .containsEntry("prunescope.source_sha256", doc.model().sha256());
    }

    @Test
    void addOutputLetsOrtFetchAnIntermediateTensor() throws Exception {
        OnnxDocument doc = doc(classifier(19, WeightStyle.INITIALIZER_RAW));
        byte[] out = writeAndCheck(doc, new ModelEdit().addOutput("relu_out").addOutput("gap_out")
                .addOutput("bn_out").addOutput(OUTPUT)); // an existing output is not added twice
        Model e = new OnnxReader().read(out).model();
        assertThat(e.graph().outputs()).extracting(v -> v.name())
                .containsExactly(OUTPUT, "relu_out", "gap_out", "bn_out");
        assertThat(e.graph().outputs().get(1).type().shape()).isNotNull(); // taken from value_info
        Map<String, float[]> in = randomInput(8, SHAPES);
        Map<String, float[]> r = run(out, SHAPES, in, List.of("relu_out", "gap_out", "bn_out", OUTPUT));
        float[] relu = r.get("relu_out");
        float[] gap = r.get("gap_out");
        float[] bn = r.get("bn_out");
        assertThat(relu).hasSize(COUT * HW * HW);
        for (int c = 0; c < COUT; c++) {
            double sum = 0;
            for (int i = 0; i < HW * HW; i++) {
                float v = relu[c * HW * HW + i];
                assertThat(v).isEqualTo(Math.max(0f, bn[c * HW * HW + i]));
                sum += v;
            }
            assertThat(gap[c]).isCloseTo((float) (sum / (HW * HW)), within(1e-5f));
        }
        assertThat(r.get(OUTPUT)).containsExactly(out(new OnnxWriter().toBytes(doc, new ModelEdit()), in));
    }

    @Test
    void addOutputOfAnIntegerTensorKeepsItsType() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().setName("shape");
        g.addInput(valueInfo("x", ai.onnx.proto.OnnxMl.TensorProto.DataType.FLOAT, 2, 3));
        g.addOutput(valueInfo("y", ai.onnx.proto.OnnxMl.TensorProto.DataType.FLOAT, 3, 2));
        g.addNode(NodeProto.newBuilder().setOpType("Constant").addOutput("shape").addAttribute(ints("value_ints", 3, 2)));
        g.addNode(node("Reshape", "r", List.of("x", "shape"), List.of("y")));
        OnnxDocument doc = doc(model(g, 8, 13));
        byte[] out = new OnnxWriter().toBytes(doc, new ModelEdit().addOutput("shape"));
        assertThat(new OnnxReader().read(out).model().graph().outputs().get(1).type().elementType())
                .isEqualTo(DataType.INT64);
    }

    @Test
    void fixInputShapeAndDropIntermediateShapes() throws Exception {
        OnnxDocument doc = doc(classifier(20, WeightStyle.INITIALIZER_RAW));
        assertThat(doc.model().graph().inputs().get(0).type().shape().isStatic()).isFalse();
        byte[] out = writeAndCheck(doc, new ModelEdit().fixInputShape(INPUT, new long[]{2, CIN, HW, HW})
                .dropIntermediateShapes());
        Model e = new OnnxReader().read(out).model();
        Shape s = e.graph().inputs().get(0).type().shape();
        assertThat(s.isStatic()).isTrue();
        assertThat(s.toArray()).containsExactly(2, CIN, HW, HW);
        assertThat(e.graph().inputs().get(0).type().elementType()).isEqualTo(DataType.FLOAT);
        assertThat(e.graph().valueInfos()).isEmpty();
        assertThat(ModelProto.parseFrom(out).getGraph().getInput(0).getName()).isEqualTo(INPUT);
        Map<String, long[]> two = Map.of(INPUT, new long[]{2, CIN, HW, HW});
        float[] batch = run(out, two, randomInput(9, two), null).get(OUTPUT);
        assertThat(batch).hasSize(2 * CLASSES);
    }

    @Test
    void editsNamingThingsTheModelLacksAreRefused() throws Exception {
        OnnxDocument doc = doc(classifier(21, WeightStyle.INITIALIZER_RAW));
        OnnxWriter w = new OnnxWriter();
        assertThatThrownBy(() -> w.toBytes(doc, new ModelEdit().replaceTensor(
                Tensor.ofFloats("conv_out", new long[]{1}, new float[]{1}, DataType.FLOAT))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'conv_out'");
        assertThatThrownBy(() -> w.toBytes(doc, new ModelEdit().fixInputShape("images", new long[]{1})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'images'");
        assertThatThrownBy(() -> w.toBytes(doc, new ModelEdit().removeNode(99)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("99");
        assertThatThrownBy(() -> w.toBytes(doc, new ModelEdit().setAttribute(-1, "x", new Attribute.IntValue(1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void modelEditIsEmptyOnlyWhenNothingIsSet() {
        assertThat(new ModelEdit().isEmpty()).isTrue();
        assertThat(new ModelEdit().dropIntermediateShapes().isEmpty()).isFalse();
        assertThat(new ModelEdit().addOutput("x").isEmpty()).isFalse();
        long[] dims = {1, 2};
        ModelEdit e = new ModelEdit().fixInputShape("x", dims);
        dims[0] = 7;
        assertThat(e.fixedInputShapes().get("x")).containsExactly(1, 2);
        assertThat(Arrays.asList(e.isEmpty())).containsExactly(false);
    }
}
