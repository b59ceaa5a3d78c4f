package io.prunescope.onnx;

import static io.prunescope.onnx.ModelParts.intAttr;
import static io.prunescope.onnx.ModelParts.ints;
import static io.prunescope.onnx.ModelParts.node;
import static io.prunescope.onnx.ModelParts.symbolic;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;

import java.util.ArrayList;
import java.util.List;

/**
 * FPGM's distance sums of one layer as a model: {@code SUMS[i] = Σ_j ||x_i − x_j||} for the rows of X (n×d, both
 * dimensions symbolic), with every step in ONNX Runtime, so that a fresh process computes them at full speed before
 * the JIT has compiled any Java loop ({@code runtime.NativeDistanceSums} says when it is used).
 *
 * <p>The same arithmetic as the Java paths: the rows are centred on their mean (distances do not change; fewer digits
 * cancel), the Gram matrix is a float GEMM, and the squared norms, {@code |a|² + |b|² − 2a·b}, the square roots and
 * the sums are double. Pairs whose Gram form would cancel ({@code d² < NEAR · (|a|² + |b|²)}, the Java paths'
 * near-pair guard) are left out of the sums and counted in {@code NEAR_PAIRS}; the diagonal is always among them
 * (each row with itself, distance 0), so a count above n means some pair of different rows is near and the caller
 * computes that layer on a path that recomputes such pairs directly.
 *
 * <p>Unlike the blocked Gram path this computes the whole square, twice the multiply-adds; it is meant for the
 * layers of a first pass, while the Java side of the blocked path is not compiled yet.
 */
public final class DistanceSumsModel {

    public static final String ROWS = "X";
    public static final String SUMS = "sums";
    public static final String NEAR_PAIRS = "near_pairs";

    private DistanceSumsModel() {
    }

    /** The model for the near-pair threshold {@code near} (the Java paths use 1e-2). */
    public static byte[] bytes(double near) {
        List<NodeProto> nodes = new ArrayList<>();
        nodes.add(node("ReduceMean", List.of(ROWS), "mean", ints("axes", 0), intAttr("keepdims", 1)));
        nodes.add(node("Sub", List.of(ROWS, "mean"), "centred"));
        nodes.add(node("Gemm", List.of("centred", "centred"), "gram", intAttr("transB", 1)));
        nodes.add(node("Cast", List.of("centred"), "centred64", intAttr("to", TensorProto.DataType.DOUBLE_VALUE)));
        nodes.add(node("ReduceSumSquare", List.of("centred64"), "sq", ints("axes", 1), intAttr("keepdims", 1)));
        nodes.add(node("Transpose", List.of("sq"), "sqT"));
        nodes.add(node("Add", List.of("sq", "sqT"), "scale"));
        nodes.add(node("Cast", List.of("gram"), "gram64", intAttr("to", TensorProto.DataType.DOUBLE_VALUE)));
        nodes.add(node("Mul", List.of("gram64", "two"), "twice"));
        nodes.add(node("Sub", List.of("scale", "twice"), "d2"));
        nodes.add(node("Mul", List.of("scale", "near"), "limit"));
        nodes.add(node("Less", List.of("d2", "limit"), "isNear"));
        nodes.add(node("Max", List.of("d2", "zero"), "d2pos"));
        nodes.add(node("Sqrt", List.of("d2pos"), "dist"));
        nodes.add(node("Where", List.of("isNear", "zero", "dist"), "kept"));
        nodes.add(node("ReduceSum", List.of("kept", "axis1"), SUMS, intAttr("keepdims", 0)));
        nodes.add(node("Cast", List.of("isNear"), "nearCounts", intAttr("to", TensorProto.DataType.INT64_VALUE)));
        nodes.add(node("ReduceSum", List.of("nearCounts"), NEAR_PAIRS, intAttr("keepdims", 0)));
        GraphProto graph = GraphProto.newBuilder().setName("fpgm-sums").addAllNode(nodes)
                .addInitializer(scalar("two", 2.0)).addInitializer(scalar("near", near))
                .addInitializer(scalar("zero", 0.0))
                .addInitializer(TensorProto.newBuilder().setName("axis1").setDataType(TensorProto.DataType.INT64_VALUE)
                        .addDims(1).addInt64Data(1))
                .addInput(symbolic(ROWS, TensorProto.DataType.FLOAT_VALUE, "n", "d"))
                .addOutput(symbolic(SUMS, TensorProto.DataType.DOUBLE_VALUE, "n"))
                .addOutput(symbolic(NEAR_PAIRS, TensorProto.DataType.INT64_VALUE))
                .build();
        return ModelProto.newBuilder().setIrVersion(7).setProducerName("prunescope-fpgm-sums")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .setGraph(graph).build().toByteArray();
    }

    private static TensorProto scalar(String name, double value) {
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.DOUBLE_VALUE)
                .addDoubleData(value).build();
    }
}
