package io.prunescope.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.prunescope.model.Attribute;
import io.prunescope.model.DataType;
import io.prunescope.model.Dim;
import io.prunescope.model.Graph;
import io.prunescope.model.HalfFloat;
import io.prunescope.model.InputBindings;
import io.prunescope.model.Model;
import io.prunescope.model.Node;
import io.prunescope.model.Tensor;
import io.prunescope.model.WeightSource;
import io.prunescope.onnx.TestModels.WeightStyle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Random;

import static io.prunescope.onnx.TestModels.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Models as real exporters write them: where weights live, how they are encoded, which versions. */
class ReaderExportersTest {

    private static float[] expectedConvWeight(long seed) {
        return TestModels.random(new Random(seed), COUT * CIN * 9, 0.5f);
    }

    @ParameterizedTest
    @EnumSource(WeightStyle.class)
    void findsWeightsWhereverTheExporterPutThem(WeightStyle style) throws Exception {
        Model m = load(classifier(42, style));
        Graph g = m.graph();
        assertThat(g.nodes()).extracting(Node::opType).containsSubsequence(
                "Conv", "BatchNormalization", "Relu", "GlobalAveragePool", "Flatten", "Gemm");
        assertThat(g.constants()).containsKeys("conv.weight", "conv.bias", "bn.scale", "bn.bias", "bn.mean",
                "bn.var", "fc.weight", "fc.bias");
        Tensor w = g.constant("conv.weight").orElseThrow();
        assertThat(w.type()).isEqualTo(DataType.FLOAT);
        assertThat(w.dims()).containsExactly(COUT, CIN, 3, 3);
        assertThat(w.toFloats()).containsExactly(expectedConvWeight(42));
        assertThat(g.constant("fc.weight").orElseThrow().dims()).containsExactly(CLASSES, COUT);
        WeightSource expected = style == WeightStyle.CONSTANT_NODES ? WeightSource.CONSTANT_NODE
                : WeightSource.INITIALIZER;
        assertThat(g.constantSource("conv.weight")).isEqualTo(expected);
        // the Constant node's output is a weight, not a graph input
        assertThat(g.inputs()).extracting(v -> v.name()).containsExactly(INPUT);
        assertThat(m.opset()).isEqualTo(13);
        assertThat(m.metadata()).containsEntry("author", "prunescope tests");
        assertThat(m.docString()).isEqualTo("built by TestModels");
        assertThat(m.producerName()).isEqualTo("prunescope-tests");
    }

    @Test
    void initializersAlsoListedAsInputsAreNotRealInputs() throws Exception {
        ModelProto.Builder b = classifier(1, WeightStyle.INITIALIZER_RAW, 3, 7);
        for (TensorProto t : b.getGraph().getInitializerList()) {
            b.getGraphBuilder().addInput(valueInfo(t.getName(), TensorProto.DataType.FLOAT));
        }
        Model m = load(b);
        assertThat(m.graph().inputs()).extracting(v -> v.name()).containsExactly(INPUT);
        assertThat(m.irVersion()).isEqualTo(3);
    }

    @ParameterizedTest
    @CsvSource({"3,7", "4,9", "6,11", "7,13", "8,17", "9,19", "10,21", "10,22"})
    void acceptsOpsetsAndIrVersionsInRange(long ir, long opset) throws Exception {
        Model m = load(classifier(3, WeightStyle.INITIALIZER_RAW, ir, opset));
        assertThat(m.opset()).isEqualTo(opset);
        assertThat(m.irVersion()).isEqualTo(ir);
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 6, 23})
    void refusesOpsetsOutOfRange(int opset) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> load(classifier(3, WeightStyle.INITIALIZER_RAW, 8,
                        opset)))
                .isInstanceOfSatisfying(ModelLoadException.class, e -> assertThat(e.problem())
                        .isEqualTo(ModelLoadException.Problem.UNSUPPORTED_VERSION))
                .hasMessageContaining("opset " + opset);
    }

    @Test
    void customDomainOpsetsAreNotLimited() throws Exception {
        ModelProto.Builder b = classifier(3, WeightStyle.INITIALIZER_RAW);
        b.addOpsetImport(ai.onnx.proto.OnnxMl.OperatorSetIdProto.newBuilder().setDomain("com.microsoft")
                .setVersion(1));
        assertThat(load(b).opsets()).containsEntry("com.microsoft", 1L).containsEntry("", 13L);
    }

    @Test
    void float16WeightsInRawDataAndInInt32Data() throws Exception {
        float[] values = {1f, -2f, 65504f, 0x1p-24f, 0.333251953125f, Float.POSITIVE_INFINITY};
        short[] halves = {0x3C00, (short) 0xC000, 0x7BFF, 0x0001, 0x3555, 0x7C00};
        GraphProto.Builder g = GraphProto.newBuilder().setName("fp16");
        g.addInitializer(rawTensor("raw", TensorProto.DataType.FLOAT16, new long[]{6}, leHalf(halves)));
        TensorProto.Builder typed = TensorProto.newBuilder().setName("typed")
                .setDataType(TensorProto.DataType.FLOAT16_VALUE).addDims(2).addDims(3);
        for (short h : halves) {
            typed.addInt32Data(h & 0xFFFF); // ONNX stores the 16 bits, zero-extended
        }
        g.addInitializer(typed);
        g.addInput(valueInfo("x", TensorProto.DataType.FLOAT16, 6));
        g.addOutput(valueInfo("y", TensorProto.DataType.FLOAT16, 6));
        g.addNode(node("Add", "add", List.of("x", "raw"), List.of("y")));
        Model m = load(model(g, 8, 13));
        Tensor raw = m.graph().constant("raw").orElseThrow();
        Tensor fromTyped = m.graph().constant("typed").orElseThrow();
        assertThat(raw.type()).isEqualTo(DataType.FLOAT16);
        assertThat(raw.toFloats()).containsExactly(values);
        assertThat(fromTyped.toFloats()).containsExactly(values);
        assertThat(fromTyped.dims()).containsExactly(2, 3);
        assertThat(fromTyped.payload()).isEqualTo(raw.payload()); // the same bytes either way
        for (int i = 0; i < halves.length; i++) {
            assertThat(HalfFloat.fromFloat(values[i])).isEqualTo(halves[i]);
        }
    }

    @Test
    void bfloat16AndDoubleAndIntegerTypedFields() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().setName("types");
        TensorProto.Builder bf = TensorProto.newBuilder().setName("bf").setDataType(TensorProto.DataType.BFLOAT16_VALUE)
                .addDims(3).addInt32Data(0x3F80).addInt32Data(0xC000).addInt32Data(0x4049);
        g.addInitializer(bf);
        g.addInitializer(rawTensor("bfraw", TensorProto.DataType.BFLOAT16, new long[]{3},
                leHalf(new short[]{0x3F80, (short) 0xC000, 0x4049})));
        TensorProto.Builder d = TensorProto.newBuilder().setName("d").setDataType(TensorProto.DataType.DOUBLE_VALUE)
                .addDims(2).addDoubleData(0.1).addDoubleData(-3.5);
        g.addInitializer(d);
        TensorProto.Builder shape = TensorProto.newBuilder().setName("shape")
                .setDataType(TensorProto.DataType.INT64_VALUE).addDims(2).addInt64Data(-1).addInt64Data(1L << 40);
        g.addInitializer(shape);
        TensorProto.Builder i32 = TensorProto.newBuilder().setName("i32")
                .setDataType(TensorProto.DataType.INT32_VALUE).addDims(2).addInt32Data(-7).addInt32Data(9);
        g.addInitializer(i32);
        TensorProto.Builder u8 = TensorProto.newBuilder().setName("u8")
                .setDataType(TensorProto.DataType.UINT8_VALUE).addDims(2).addInt32Data(255).addInt32Data(1);
        g.addInitializer(u8);
        TensorProto.Builder b = TensorProto.newBuilder().setName("flag")
                .setDataType(TensorProto.DataType.BOOL_VALUE).addInt32Data(1);
        g.addInitializer(b);
        TensorProto.Builder u32 = TensorProto.newBuilder().setName("u32")
                .setDataType(TensorProto.DataType.UINT32_VALUE).addDims(1).addUint64Data(4_000_000_000L);
        g.addInitializer(u32);
        TensorProto.Builder s = TensorProto.newBuilder().setName("labels")
                .setDataType(TensorProto.DataType.STRING_VALUE).addDims(2)
                .addStringData(com.google.protobuf.ByteString.copyFromUtf8("cat"))
                .addStringData(com.google.protobuf.ByteString.copyFromUtf8("dog"));
        g.addInitializer(s);
        g.addInput(valueInfo("x", TensorProto.DataType.FLOAT, 1));
        g.addOutput(valueInfo("y", TensorProto.DataType.FLOAT, 1));
        g.addNode(node("Relu", "r", List.of("x"), List.of("y")));
        Graph graph = load(model(g, 8, 13)).graph();
        assertThat(graph.constant("bf").orElseThrow().toFloats()).containsExactly(1f, -2f, 3.140625f);
        assertThat(graph.constant("bfraw").orElseThrow().toFloats()).containsExactly(1f, -2f, 3.140625f);
        assertThat(graph.constant("d").orElseThrow().byteLength()).isEqualTo(16);
        assertThat(graph.constant("d").orElseThrow().payload().getDouble(0)).isEqualTo(0.1);
        assertThat(graph.constant("d").orElseThrow().toFloats()).containsExactly(0.1f, -3.5f);
        assertThat(graph.constant("shape").orElseThrow().toLongs()).containsExactly(-1, 1L << 40);
        assertThat(graph.constant("i32").orElseThrow().toLongs()).containsExactly(-7, 9);
        assertThat(graph.constant("u8").orElseThrow().toLongs()).containsExactly(255, 1);
        assertThat(graph.constant("flag").orElseThrow().toLongs()).containsExactly(1);
        assertThat(graph.constant("flag").orElseThrow().rank()).isZero();
        assertThat(graph.constant("u32").orElseThrow().toLongs()).containsExactly(4_000_000_000L);
        assertThat(graph.constant("labels").orElseThrow().type()).isEqualTo(DataType.STRING);
    }

    @Test
    void constantNodeScalarAndListForms() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().setName("consts");
        g.addNode(NodeProto.newBuilder().setOpType("Constant").addOutput("eps")
                .addAttribute(floatAttr("value_float", 0.25f)));
        g.addNode(NodeProto.newBuilder().setOpType("Constant").addOutput("shape")
                .addAttribute(ints("value_ints", 1, -1)));
        g.addNode(NodeProto.newBuilder().setOpType("Constant").addOutput("one")
                .addAttribute(intAttr("value_int", 1)));
        g.addNode(NodeProto.newBuilder().setOpType("Constant").addOutput("fs")
                .addAttribute(AttributeProto.newBuilder().setName("value_floats")
                        .setType(AttributeProto.AttributeType.FLOATS).addFloats(1.5f).addFloats(-2f)));
        g.addInput(valueInfo("x", TensorProto.DataType.FLOAT, 2, 2));
        g.addOutput(valueInfo("y", TensorProto.DataType.FLOAT, 1, 4));
        g.addNode(node("Reshape", "reshape", List.of("x", "shape"), List.of("r")));
        g.addNode(node("Mul", "mul", List.of("r", "eps"), List.of("y")));
        Graph graph = load(model(g, 8, 13)).graph();
        Tensor eps = graph.constant("eps").orElseThrow();
        assertThat(eps.type()).isEqualTo(DataType.FLOAT);
        assertThat(eps.rank()).isZero();
        assertThat(eps.toFloats()).containsExactly(0.25f);
        assertThat(graph.constant("shape").orElseThrow().toLongs()).containsExactly(1, -1);
        assertThat(graph.constant("shape").orElseThrow().dims()).containsExactly(2);
        assertThat(graph.constant("one").orElseThrow().toLongs()).containsExactly(1);
        assertThat(graph.constant("fs").orElseThrow().toFloats()).containsExactly(1.5f, -2f);
        assertThat(graph.constantSource("shape")).isEqualTo(WeightSource.CONSTANT_NODE);
        // nodes come out in topological order: Constants before their readers
        List<String> ops = graph.nodes().stream().map(Node::opType).toList();
        assertThat(ops.indexOf("Mul")).isGreaterThan(ops.lastIndexOf("Constant"));
    }

    @Test
    void nodesOutOfOrderInTheFileAreSortedTopologically() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().setName("unsorted");
        g.addInput(valueInfo("x", TensorProto.DataType.FLOAT, 1, 4));
        g.addOutput(valueInfo("z", TensorProto.DataType.FLOAT, 1, 4));
        g.addNode(node("Sigmoid", "second", List.of("y"), List.of("z")));
        g.addNode(node("Relu", "first", List.of("x"), List.of("y")));
        Graph graph = load(model(g, 8, 13)).graph();
        assertThat(graph.nodes()).extracting(Node::name).containsExactly("first", "second");
        assertThat(graph.node(0).name()).isEqualTo("second"); // index = position in the file
        assertThat(graph.producer("y").orElseThrow().name()).isEqualTo("first");
        assertThat(graph.consumers("y")).extracting(Node::name).containsExactly("second");
    }

    @Test
    void attributesAreTyped() throws Exception {
        Graph g = load(classifier(5, WeightStyle.INITIALIZER_RAW)).graph();
        Node conv = g.findNode("conv").orElseThrow();
        assertThat(conv.intsAttr("pads")).containsExactly(1, 1, 1, 1);
        assertThat(g.findNode("bn").orElseThrow().floatAttr("epsilon", 0)).isEqualTo(1e-5f);
        assertThat(g.findNode("fc").orElseThrow().intAttr("transB", 0)).isEqualTo(1);
        assertThat(conv.attributes().get("kernel_shape")).isEqualTo(Attribute.IntList.of(3, 3));
    }

    @Test
    void attributeWithoutTypeIsInferredFromItsField() throws Exception {
        ModelProto.Builder b = classifier(5, WeightStyle.INITIALIZER_RAW);
        GraphProto.Builder g = b.getGraphBuilder();
        for (int i = 0; i < g.getNodeCount(); i++) {
            NodeProto.Builder n = g.getNodeBuilder(i);
            for (int k = 0; k < n.getAttributeCount(); k++) {
                n.getAttributeBuilder(k).clearType(); // very old exporters left the type out
            }
        }
        Graph graph = load(b).graph();
        assertThat(graph.findNode("conv").orElseThrow().intsAttr("pads")).containsExactly(1, 1, 1, 1);
        assertThat(graph.findNode("fc").orElseThrow().intAttr("transB", 0)).isEqualTo(1);
        assertThat(graph.findNode("bn").orElseThrow().floatAttr("epsilon", 0)).isEqualTo(1e-5f);
    }

    @Test
    void symbolicInputDimsAreKeptAndBindable() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().setName("yolo-like");
        g.addInput(valueInfo("images", TensorProto.DataType.FLOAT, "batch", 3, "height", "width"));
        g.addOutput(valueInfo("out", TensorProto.DataType.FLOAT, "batch", 3, "height", "width"));
        g.addNode(node("Relu", "r", List.of("images"), List.of("out")));
        Model m = load(model(g, 8, 13));
        List<Dim> dims = m.graph().inputs().get(0).type().shape().dims();
        assertThat(dims).containsExactly(Dim.symbolic("batch"), Dim.of(3), Dim.symbolic("height"),
                Dim.symbolic("width"));
        assertThat(m.graph().outputs().get(0).type().shape().dim(2).symbol()).isEqualTo("height");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InputBindings.none().resolve(m))
                .isInstanceOf(InputBindings.UnboundDimensionsException.class)
                .hasMessageContaining("'height'").hasMessageContaining("'width'").hasMessageNotContaining("'batch'");
        var shape = InputBindings.parseShape("images=1,3,640,640");
        assertThat(InputBindings.none().withShape(shape.getKey(), shape.getValue()).resolve(m).get("images"))
                .containsExactly(1, 3, 640, 640);
        assertThat(InputBindings.none().withSymbol("height", 320).withSymbol("width", 256).resolve(m)
                .get("images")).containsExactly(1, 3, 320, 256);
    }

    @Test
    void gzippedModelIsReadTransparently() throws Exception {
        byte[] plain = classifier(9, WeightStyle.INITIALIZER_RAW).build().toByteArray();
        java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(bos)) {
            gz.write(plain);
        }
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("gz");
        java.nio.file.Path f = dir.resolve("m.onnx.gz");
        java.nio.file.Files.write(f, bos.toByteArray());
        Model m = new OnnxReader().read(f).model();
        assertThat(m.graph().constant("conv.weight").orElseThrow().toFloats()).containsExactly(expectedConvWeight(9));
        assertThat(m.source()).isEqualTo(f.toAbsolutePath());
        assertThat(m.sha256()).hasSize(64);
    }
}
