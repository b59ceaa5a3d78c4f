package io.prunescope.ui;

import ai.onnx.proto.OnnxMl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Models for UI tests. The UI opens real ONNX files through {@code Workspace}; the tests use the small committed
 * {@code residual.onnx} (stem conv, two residual stages, projection, GAP, Gemm; input [1,1,16,16]).
 */
final class TestModels {

    static final Path RESIDUAL = Path.of("src/test/resources/coupling/residual.onnx");
    static final Path CONCAT = Path.of("src/test/resources/coupling/concat.onnx");
    /** A conv of the second stage: 16 filters 16×3×3, 2,304 params, 589,824 MACs, coupled through residual adds. */
    static final String LAYER = "/b1/b1.0/Conv";

    private TestModels() {
    }

    /** Copies residual.onnx into {@code dir} under {@code name}. */
    static Path residualCopy(Path dir, String name) throws IOException {
        Path p = dir.resolve(name);
        Files.copy(RESIDUAL, p);
        return p;
    }

    /**
     * residual.onnx with its input's height and width made symbolic, so opening it asks for input sizes. Written with
     * the protobuf classes: test code only (the ui package itself never touches protobuf).
     */
    static Path symbolicResidual(Path dir) throws IOException {
        OnnxMl.ModelProto m = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(RESIDUAL));
        OnnxMl.GraphProto.Builder g = m.getGraph().toBuilder();
        OnnxMl.ValueInfoProto.Builder in = g.getInputBuilder(0);
        OnnxMl.TensorShapeProto.Builder shape = in.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder();
        shape.setDim(2, OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("height"));
        shape.setDim(3, OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("width"));
        g.clearValueInfo();
        Path p = dir.resolve("symbolic.onnx");
        Files.write(p, m.toBuilder().setGraph(g).build().toByteArray());
        return p;
    }
}
