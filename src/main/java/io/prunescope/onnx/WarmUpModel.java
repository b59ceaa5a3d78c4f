package io.prunescope.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

/**
 * A model for {@link OnnxReader#warmUp()}: a convolution, a BatchNormalization and a few hundred element-wise nodes
 * with small initializers and value_info, so that reading it runs every per-node and per-tensor path of the reader
 * often enough for the JIT to compile them (a one-node model only loads the classes; the first real graph would still
 * be built by the interpreter: 30 ms of the yolov5s load, issue 13).
 */
final class WarmUpModel {

    static final int CHAIN = 300;
    private static final int CHANNELS = 128;

    private WarmUpModel() {
    }

    static byte[] bytes() {
        ModelProto conv;
        try {
            // 73,728 weights: enough 64-bit steps of the finite scan, over the reads, for it to be compiled too
            conv = ModelProto.parseFrom(ConvProbe.conv(64, CHANNELS, 3, 3, 1, 1, 8, 8));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
        GraphProto.Builder g = conv.getGraph().toBuilder();
        ValueInfoProto y = g.getOutput(0);
        g.clearOutput();
        g.addNode(NodeProto.newBuilder().setOpType("BatchNormalization").setName("bn").addInput("Y")
                .addInput("scale").addInput("shift").addInput("mean").addInput("var").addOutput("t0")
                .addAttribute(AttributeProto.newBuilder().setName("epsilon").setType(AttributeProto.AttributeType.FLOAT)
                        .setF(1e-5f)));
        for (String name : new String[] {"scale", "shift", "mean", "var"}) {
            g.addInitializer(vector(name, CHANNELS));
        }
        for (int i = 0; i < CHAIN; i++) {
            String in = "t" + i;
            String out = "t" + (i + 1);
            if (i % 3 == 0) {
                g.addInitializer(vector("c" + i, CHANNELS));
                g.addNode(NodeProto.newBuilder().setOpType("Add").setName("add" + i).addInput(in).addInput("c" + i)
                        .addOutput(out));
            } else {
                g.addNode(NodeProto.newBuilder().setOpType(i % 3 == 1 ? "Relu" : "Sigmoid").setName("act" + i)
                        .addInput(in).addOutput(out));
            }
            g.addValueInfo(y.toBuilder().setName(out));
        }
        g.addOutput(y.toBuilder().setName("t" + CHAIN));
        return conv.toBuilder().setGraph(g).build().toByteArray();
    }

    /** One value per channel; the Add constants are shaped [C, 1, 1] to broadcast over [1, C, h, w]. */
    private static TensorProto vector(String name, int channels) {
        byte[] raw = new byte[4 * channels];
        for (int c = 0; c < channels; c++) {
            int bits = Float.floatToIntBits(1f + c / 16f);
            for (int b = 0; b < 4; b++) {
                raw[4 * c + b] = (byte) (bits >>> (8 * b));
            }
        }
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(raw)).addDims(channels);
        if (!name.equals("scale") && !name.equals("shift") && !name.equals("mean") && !name.equals("var")) {
            t.addDims(1).addDims(1);
        }
        return t.build();
    }
}
