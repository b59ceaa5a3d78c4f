package io.prunescope.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;

import java.util.List;

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
        int f = TensorProto.DataType.FLOAT_VALUE;
        GraphProto graph = GraphProto.newBuilder().setName("gram")
                .addNode(ModelParts.node("Gemm", List.of(LEFT, RIGHT), PRODUCT, ModelParts.intAttr("transB", 1)))
                .addInput(ModelParts.symbolic(LEFT, f, "m", "d"))
                .addInput(ModelParts.symbolic(RIGHT, f, "n", "d"))
                .addOutput(ModelParts.symbolic(PRODUCT, f, "m", "n"))
                .build();
        return ModelProto.newBuilder().setIrVersion(7).setProducerName("prunescope-gram")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .setGraph(graph).build().toByteArray();
    }
}
