package io.prunescope.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.ByteString;
import io.prunescope.model.HalfFloat;
import io.prunescope.model.Model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds ONNX test models in Java with the protobuf builders, as real exporters write them, and runs them in
 * ONNX Runtime (the independent oracle). Public so that tests of other packages can get a {@link Model} without
 * touching protobuf themselves.
 */
public final class TestModels {

    /** Where an exporter puts the weights and how it encodes them. */
    public enum WeightStyle {
        /** graph.initializer with raw_data (PyTorch). */
        INITIALIZER_RAW,
        /** graph.initializer with float_data (older tf2onnx / hand-built models). */
        INITIALIZER_TYPED,
        /** every weight in a Constant node, graph.initializer empty (paddle2onnx). */
        CONSTANT_NODES
    }

    public static final String INPUT = "input";
    public static final String OUTPUT = "logits";
    public static final int CIN = 3;
    public static final int COUT = 8;
    public static final int CLASSES = 10;
    public static final int HW = 8;

    private TestModels() {
    }

    // ---------------------------------------------------------------- the classifier

    /** Conv→BN→Relu→GlobalAveragePool→Flatten→Gemm with seeded random weights; input [batch,3,8,8]. */
    public static ModelProto.Builder classifier(long seed, WeightStyle style) {
        return classifier(seed, style, 8, 13);
    }

    public static ModelProto.Builder classifier(long seed, WeightStyle style, long irVersion, long opset) {
        Random r = new Random(seed);
        GraphProto.Builder g = GraphProto.newBuilder().setName("classifier").setDocString("a tiny test classifier");
        g.addInput(valueInfo(INPUT, TensorProto.DataType.FLOAT, "batch", CIN, HW, HW));
        g.addOutput(valueInfo(OUTPUT, TensorProto.DataType.FLOAT, "batch", CLASSES));
        Map<String, TensorProto> weights = new LinkedHashMap<>();
        weights.put("conv.weight", floats("conv.weight", new long[]{COUT, CIN, 3, 3}, random(r, COUT * CIN * 9, 0.5f),
                style));
        weights.put("conv.bias", floats("conv.bias", new long[]{COUT}, random(r, COUT, 0.1f), style));
        weights.put("bn.scale", floats("bn.scale", new long[]{COUT}, positive(r, COUT), style));
        weights.put("bn.bias", floats("bn.bias", new long[]{COUT}, random(r, COUT, 0.1f), style));
        weights.put("bn.mean", floats("bn.mean", new long[]{COUT}, random(r, COUT, 0.1f), style));
        weights.put("bn.var", floats("bn.var", new long[]{COUT}, positive(r, COUT), style));
        weights.put("fc.weight", floats("fc.weight", new long[]{CLASSES, COUT}, random(r, CLASSES * COUT, 0.5f),
                style));
        weights.put("fc.bias", floats("fc.bias", new long[]{CLASSES}, random(r, CLASSES, 0.1f), style));
        if (style == WeightStyle.CONSTANT_NODES) {
            for (TensorProto t : weights.values()) {
                g.addNode(NodeProto.newBuilder().setOpType("Constant").setName("const_" + t.getName())
                        .addOutput(t.getName()).addAttribute(tensorAttr("value", t.toBuilder().clearName().build())));
            }
        } else {
            g.addAllInitializer(weights.values());
        }
        g.addNode(node("Conv", "conv", List.of(INPUT, "conv.weight", "conv.bias"), List.of("conv_out"),
                ints("kernel_shape", 3, 3), ints("pads", 1, 1, 1, 1), ints("strides", 1, 1)));
        g.addNode(node("BatchNormalization", "bn",
                List.of("conv_out", "bn.scale", "bn.bias", "bn.mean", "bn.var"), List.of("bn_out"),
                floatAttr("epsilon", 1e-5f)));
        g.addNode(node("Relu", "relu", List.of("bn_out"), List.of("relu_out")));
        g.addNode(node("GlobalAveragePool", "gap", List.of("relu_out"), List.of("gap_out")));
        g.addNode(node("Flatten", "flatten", List.of("gap_out"), List.of("flat"), intAttr("axis", 1)));
        g.addNode(node("Gemm", "fc", List.of("flat", "fc.weight", "fc.bias"), List.of(OUTPUT),
                intAttr("transB", 1)));
        g.addValueInfo(valueInfo("conv_out", TensorProto.DataType.FLOAT, "batch", COUT, HW, HW));
        g.addValueInfo(valueInfo("relu_out", TensorProto.DataType.FLOAT, "batch", COUT, HW, HW));
        return model(g, irVersion, opset)
                .addMetadataProps(meta("author", "prunescope tests"))
                .addMetadataProps(meta("imgsz", "[8, 8]"));
    }

    public static ModelProto.Builder model(GraphProto.Builder g, long irVersion, long opset) {
        return ModelProto.newBuilder().setIrVersion(irVersion).setProducerName("prunescope-tests")
                .setProducerVersion("1.0").setDocString("built by TestModels")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(g);
    }

    /** input x [1,4] → Relu → y: the smallest valid model. */
    public static ModelProto.Builder tiny() {
        GraphProto.Builder g = GraphProto.newBuilder().setName("tiny");
        g.addInput(valueInfo("x", TensorProto.DataType.FLOAT, 1, 4));
        g.addOutput(valueInfo("y", TensorProto.DataType.FLOAT, 1, 4));
        g.addNode(node("Relu", "relu", List.of("x"), List.of("y")));
        return model(g, 8, 13);
    }

    // ---------------------------------------------------------------- protobuf helpers

    public static float[] random(Random r, int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextGaussian() * scale);
        }
        return v;
    }

    private static float[] positive(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = 0.5f + r.nextFloat();
        }
        return v;
    }

    public static TensorProto floats(String name, long[] dims, float[] values, WeightStyle style) {
        TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
        for (long d : dims) {
            b.addDims(d);
        }
        if (style == WeightStyle.INITIALIZER_TYPED) {
            for (float v : values) {
                b.addFloatData(v);
            }
        } else {
            b.setRawData(ByteString.copyFrom(le(values)));
        }
        return b.build();
    }

    public static TensorProto rawTensor(String name, TensorProto.DataType type, long[] dims, byte[] raw) {
        TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(raw));
        for (long d : dims) {
            b.addDims(d);
        }
        return b.build();
    }

    public static byte[] le(float[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buf.putFloat(v);
        }
        return buf.array();
    }

    public static byte[] leHalf(short[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short v : values) {
            buf.putShort(v);
        }
        return buf.array();
    }

    public static short[] halves(float[] values) {
        short[] out = new short[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = HalfFloat.fromFloat(values[i]);
        }
        return out;
    }

    /** dims are Integer/Long (fixed), String (symbolic) or null (unknown). */
    public static ValueInfoProto valueInfo(String name, TensorProto.DataType type, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            if (d instanceof Number n) {
                dim.setDimValue(n.longValue());
            } else if (d instanceof String s) {
                dim.setDimParam(s);
            }
            shape.addDim(dim);
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))).build();
    }

    public static NodeProto node(String op, String name, List<String> in, List<String> out, AttributeProto... attrs) {
        NodeProto.Builder b = NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(in).addAllOutput(out);
        for (AttributeProto a : attrs) {
            b.addAttribute(a);
        }
        return b.build();
    }

    public static AttributeProto ints(String name, long... v) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long x : v) {
            b.addInts(x);
        }
        return b.build();
    }

    public static AttributeProto intAttr(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    public static AttributeProto floatAttr(String name, float v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(v).build();
    }

    public static AttributeProto tensorAttr(String name, TensorProto t) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.TENSOR).setT(t).build();
    }

    public static AttributeProto graphAttr(String name, GraphProto g) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.GRAPH).setG(g).build();
    }

    public static StringStringEntryProto meta(String k, String v) {
        return StringStringEntryProto.newBuilder().setKey(k).setValue(v).build();
    }

    public static Model load(ModelProto.Builder m) throws ModelLoadException {
        return new OnnxReader().read(m.build().toByteArray()).model();
    }

    // ---------------------------------------------------------------- ONNX Runtime

    /** A seeded random input for every float graph input; symbolic dims become 1. */
    public static Map<String, float[]> randomInput(long seed, Map<String, long[]> shapes) {
        Random r = new Random(seed);
        Map<String, float[]> out = new LinkedHashMap<>();
        shapes.forEach((k, dims) -> {
            long n = 1;
            for (long d : dims) {
                n *= d;
            }
            out.put(k, random(r, (int) n, 1f));
        });
        return out;
    }

    /** Runs a model in ONNX Runtime and returns every requested output as floats (null names = all outputs). */
    public static Map<String, float[]> run(byte[] model, Map<String, long[]> shapes, Map<String, float[]> inputs,
                                           List<String> outputNames) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(1);
            opts.setInterOpNumThreads(1);
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            try (OrtSession session = env.createSession(model, opts)) {
                Map<String, OnnxTensor> feed = new LinkedHashMap<>();
                try {
                    for (Map.Entry<String, float[]> e : inputs.entrySet()) {
                        feed.put(e.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(e.getValue()),
                                shapes.get(e.getKey())));
                    }
                    List<String> names = outputNames != null ? outputNames
                            : List.copyOf(session.getOutputNames());
                    Map<String, float[]> out = new LinkedHashMap<>();
                    try (OrtSession.Result result = session.run(feed, new java.util.LinkedHashSet<>(names))) {
                        for (String n : names) {
                            OnnxValue v = result.get(n).orElseThrow();
                            FloatBuffer fb = ((OnnxTensor) v).getFloatBuffer();
                            float[] arr = new float[fb.remaining()];
                            fb.get(arr);
                            out.put(n, arr);
                        }
                    }
                    return out;
                } finally {
                    feed.values().forEach(OnnxTensor::close);
                }
            }
        }
    }
}
