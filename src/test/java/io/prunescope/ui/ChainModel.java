package io.prunescope.ui;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A long chain of {@code /s<k>/b<i>/conv/Conv → /s<k>/b<i>/act/Relu} blocks (4 channels, 8×8, 3×3 convs; ten
 * blocks a stage) written as a real ONNX file: a larger model than the committed fixtures, to open in the window (the
 * benchmark's 3,000-node chain lives in /tmp only). Test code: the ui package itself never touches protobuf.
 */
final class ChainModel {

    static final int CHANNELS = 4;

    private ChainModel() {
    }

    /** Writes a chain of {@code blocks} blocks (2 nodes each) to {@code dir/chain.onnx}. */
    static Path write(Path dir, int blocks) throws IOException {
        Random random = new Random(13);
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName("chain");
        g.addInput(value("input"));
        String x = "input";
        for (int i = 0; i < blocks; i++) {
            String p = "/s" + (i / 10) + "/b" + i;
            String w = p + "/conv.weight";
            g.addInitializer(weights(w, random));
            g.addNode(OnnxMl.NodeProto.newBuilder().setName(p + "/conv/Conv").setOpType("Conv")
                    .addInput(x).addInput(w).addOutput(p + "/c")
                    .addAttribute(ints("kernel_shape", 3, 3)).addAttribute(ints("pads", 1, 1, 1, 1)));
            g.addNode(OnnxMl.NodeProto.newBuilder().setName(p + "/act/Relu").setOpType("Relu")
                    .addInput(p + "/c").addOutput(p + "/r"));
            x = p + "/r";
        }
        g.addOutput(value(x));
        OnnxMl.ModelProto m = OnnxMl.ModelProto.newBuilder().setIrVersion(8).setProducerName("ChainModel")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setVersion(13)).setGraph(g).build();
        Path file = dir.resolve("chain.onnx");
        Files.write(file, m.toByteArray());
        return file;
    }

    private static OnnxMl.ValueInfoProto value(String name) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (long d : new long[]{1, CHANNELS, 8, 8}) {
            shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder()
                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(1).setShape(shape))).build();
    }

    private static OnnxMl.TensorProto weights(String name, Random random) {
        int n = CHANNELS * CHANNELS * 9;
        ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putFloat((float) random.nextGaussian());
        }
        return OnnxMl.TensorProto.newBuilder().setName(name).setDataType(1)
                .addDims(CHANNELS).addDims(CHANNELS).addDims(3).addDims(3)
                .setRawData(ByteString.copyFrom(b.array())).build();
    }

    private static OnnxMl.AttributeProto ints(String name, long... values) {
        OnnxMl.AttributeProto.Builder a = OnnxMl.AttributeProto.newBuilder().setName(name)
                .setType(OnnxMl.AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }
}
