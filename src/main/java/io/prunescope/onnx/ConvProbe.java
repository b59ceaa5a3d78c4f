package io.prunescope.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * A one-node model, {@code Y = Conv(X, W, B)}, for timing one layer shape at a given channel count in ONNX Runtime
 * (the latency table). Weights are small random values: timing does not depend on them, but zeros could let a
 * kernel take a shortcut. Padding keeps the spatial size ("same") as in the networks being pruned.
 */
public final class ConvProbe {

    private ConvProbe() {
    }

    /** @param h input height, @param w input width (batch 1) */
    public static byte[] conv(int inChannels, int outChannels, int kernelH, int kernelW, int stride, int group,
                              int h, int w) {
        if (inChannels % group != 0 || outChannels % group != 0) {
            throw new IllegalArgumentException("channels must divide by the group count " + group);
        }
        NodeProto node = NodeProto.newBuilder().setOpType("Conv").setName("probe")
                .addInput("X").addInput("W").addInput("B").addOutput("Y")
                .addAttribute(ints("kernel_shape", kernelH, kernelW))
                .addAttribute(ints("strides", stride, stride))
                .addAttribute(ints("pads", kernelH / 2, kernelW / 2, kernelH / 2, kernelW / 2))
                .addAttribute(AttributeProto.newBuilder().setName("group").setType(AttributeProto.AttributeType.INT)
                        .setI(group))
                .build();
        int oh = (h + 2 * (kernelH / 2) - kernelH) / stride + 1;
        int ow = (w + 2 * (kernelW / 2) - kernelW) / stride + 1;
        GraphProto graph = GraphProto.newBuilder().setName("conv-probe").addNode(node)
                .addInitializer(floats("W", new long[] {outChannels, inChannels / group, kernelH, kernelW}, 1))
                .addInitializer(floats("B", new long[] {outChannels}, 2))
                .addInput(value("X", 1, inChannels, h, w))
                .addOutput(value("Y", 1, outChannels, oh, ow))
                .build();
        return ModelProto.newBuilder().setIrVersion(7).setProducerName("prunescope-latency-table")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .setGraph(graph).build().toByteArray();
    }

    private static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            b.addInts(v);
        }
        return b.build();
    }

    private static TensorProto floats(String name, long[] dims, long seed) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(4 * n)).order(ByteOrder.LITTLE_ENDIAN);
        SplittableRandom r = new SplittableRandom(seed);
        for (long i = 0; i < n; i++) {
            buf.putFloat((float) (r.nextDouble(-0.1, 0.1)));
        }
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(buf.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    private static ValueInfoProto value(String name, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }
}
