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

/**
 * A one-node model, {@code Y = Gemm(A, B, transB = 1)} = A·Bᵀ with A m×d and B n×d, every dimension symbolic, so one
 * session serves blocks of any size. FPGM's Gram blocks run through it: ONNX Runtime's GEMM is tuned per CPU, which
 * a Java loop cannot be (see {@code runtime.NativeGram}).
 */
public final class GramModel {

    public static final String LEFT = "A";
    public static final String RIGHT = "B";
    public static final String PRODUCT = "Y";

    private GramModel() {
    }

    public static byte[] bytes() {
        NodeProto gemm = NodeProto.newBuilder().setOpType("Gemm").setName("gram")
                .addInput(LEFT).addInput(RIGHT).addOutput(PRODUCT)
                .addAttribute(AttributeProto.newBuilder().setName("transB").setType(AttributeProto.AttributeType.INT)
                        .setI(1))
                .build();
        GraphProto graph = GraphProto.newBuilder().setName("gram").addNode(gemm)
                .addInput(matrix(LEFT, "m", "d"))
                .addInput(matrix(RIGHT, "n", "d"))
                .addOutput(matrix(PRODUCT, "m", "n"))
                .build();
        return ModelProto.newBuilder().setIrVersion(7).setProducerName("prunescope-gram")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .setGraph(graph).build().toByteArray();
    }

    private static ValueInfoProto matrix(String name, String rows, String cols) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(rows))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(cols))
                .build();
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }
}
