package io.prunescope.ui;

import io.prunescope.analysis.LayerKind;
import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.analysis.NodeCost;
import io.prunescope.analysis.PrunableLayer;
import io.prunescope.model.Attribute;
import io.prunescope.model.DataType;
import io.prunescope.model.Dim;
import io.prunescope.model.Graph;
import io.prunescope.model.InputBindings;
import io.prunescope.model.Model;
import io.prunescope.model.Node;
import io.prunescope.model.Shape;
import io.prunescope.model.Tensor;
import io.prunescope.model.TensorType;
import io.prunescope.model.ValueInfo;
import io.prunescope.model.WeightSource;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** In-memory models for UI tests (the ui tests do not write ONNX files: that needs protobuf). */
final class TestModels {

    /** Node names of {@link #tinyCnn}, in topological order. */
    static final List<String> TINY_NAMES = List.of("conv1", "relu1", "pool1", "conv2", "relu2", "gap", "flatten", "fc");
    static final List<String> TINY_OPS = List.of("Conv", "Relu", "MaxPool", "Conv", "Relu", "GlobalAveragePool",
            "Flatten", "Gemm");

    private TestModels() {
    }

    /** conv1(8,3×3) → relu → maxpool → conv2(16,3×3) → relu → GAP → flatten → fc(10); input [1,3,28,28]. */
    static Model tinyCnn(Path source) {
        return tinyCnn(source, Shape.of(1, 3, 28, 28));
    }

    /** The same network with input {@code [batch,3,height,width]}: height and width must be asked for. */
    static Model symbolicCnn(Path source) {
        return tinyCnn(source, new Shape(List.of(Dim.symbolic("batch"), Dim.of(3), Dim.symbolic("height"),
                Dim.symbolic("width"))));
    }

    private static Model tinyCnn(Path source, Shape inputShape) {
        Map<String, Tensor> constants = new LinkedHashMap<>();
        Map<String, WeightSource> sources = new LinkedHashMap<>();
        addWeight(constants, sources, "conv1.w", 8, 3, 3, 3);
        addWeight(constants, sources, "conv1.b", 8);
        addWeight(constants, sources, "conv2.w", 16, 8, 3, 3);
        addWeight(constants, sources, "conv2.b", 16);
        addWeight(constants, sources, "fc.w", 10, 16);
        addWeight(constants, sources, "fc.b", 10);
        List<Node> nodes = new ArrayList<>();
        nodes.add(node(0, "conv1", "Conv", List.of("images", "conv1.w", "conv1.b"), "c1",
                Map.of("pads", Attribute.IntList.of(1, 1, 1, 1))));
        nodes.add(node(1, "relu1", "Relu", List.of("c1"), "r1", Map.of()));
        nodes.add(node(2, "pool1", "MaxPool", List.of("r1"), "p1",
                Map.of("kernel_shape", Attribute.IntList.of(2, 2), "strides", Attribute.IntList.of(2, 2))));
        nodes.add(node(3, "conv2", "Conv", List.of("p1", "conv2.w", "conv2.b"), "c2",
                Map.of("pads", Attribute.IntList.of(1, 1, 1, 1))));
        nodes.add(node(4, "relu2", "Relu", List.of("c2"), "r2", Map.of()));
        nodes.add(node(5, "gap", "GlobalAveragePool", List.of("r2"), "g", Map.of()));
        nodes.add(node(6, "flatten", "Flatten", List.of("g"), "f", Map.of()));
        nodes.add(node(7, "fc", "Gemm", List.of("f", "fc.w", "fc.b"), "logits",
                Map.of("transB", new Attribute.IntValue(1))));
        ValueInfo in = new ValueInfo("images", new TensorType(DataType.FLOAT, inputShape));
        ValueInfo out = new ValueInfo("logits", new TensorType(DataType.FLOAT, Shape.of(1, 10)));
        Graph g = new Graph("tiny", nodes, List.of(in), List.of(out), Map.of(), constants, sources);
        return new Model(source, "0".repeat(64), 0, 8, Map.of("", 13L), "test", "1", "", Map.of(), g);
    }

    private static void addWeight(Map<String, Tensor> constants, Map<String, WeightSource> sources, String name,
                                  long... dims) {
        int n = 1;
        for (long d : dims) {
            n *= (int) d;
        }
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) Math.sin(i * 0.37 + name.length());
        }
        constants.put(name, Tensor.ofFloats(name, dims, values, DataType.FLOAT));
        sources.put(name, WeightSource.INITIALIZER);
    }

    private static Node node(int index, String name, String op, List<String> inputs, String output,
                             Map<String, Attribute> attrs) {
        return new Node(index, name, op, "", inputs, List.of(output), attrs);
    }

    /**
     * A test analysis with real-looking numbers for the tiny CNN: shapes of each output, params from the weights
     * and MACs of the convs and the Gemm (28×28 input). Good enough to check formatting, sorting and shares.
     */
    static ModelAnalysis fakeAnalysis(Model model, InputBindings bindings, CancellationToken cancel,
                                      Progress progress) {
        Map<String, long[]> inputs = bindings.resolve(model);
        long[] in = inputs.get("images");
        long h = in[2];
        long w = in[3];
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("images", in);
        shapes.put("c1", new long[]{1, 8, h, w});
        shapes.put("r1", new long[]{1, 8, h, w});
        shapes.put("p1", new long[]{1, 8, h / 2, w / 2});
        shapes.put("c2", new long[]{1, 16, h / 2, w / 2});
        shapes.put("r2", new long[]{1, 16, h / 2, w / 2});
        shapes.put("g", new long[]{1, 16, 1, 1});
        shapes.put("f", new long[]{1, 16});
        shapes.put("logits", new long[]{1, 10});
        Graph g = model.graph();
        List<NodeCost> costs = new ArrayList<>();
        List<PrunableLayer> layers = new ArrayList<>();
        for (Node n : g.nodes()) {
            cancel.throwIfCancelled();
            long params = n.inputs().stream().filter(g::isConstant).mapToLong(t -> g.constants().get(t).numel()).sum();
            long macs = switch (n.displayName()) {
                case "conv1" -> 8L * 3 * 9 * h * w;
                case "conv2" -> 16L * 8 * 9 * (h / 2) * (w / 2);
                case "fc" -> 16L * 10;
                default -> 0;
            };
            costs.add(new NodeCost(n, params, macs));
            switch (n.opType()) {
                case "Conv" -> {
                    Tensor wt = g.constants().get(n.input(1));
                    layers.add(new PrunableLayer(n, LayerKind.CONV, wt, 1, n.input(2), wt.dim(0), wt.dim(1), 1,
                            false));
                }
                case "Gemm" -> {
                    Tensor wt = g.constants().get(n.input(1));
                    layers.add(new PrunableLayer(n, LayerKind.GEMM, wt, 1, n.input(2), 10, 16, 1, false));
                }
                default -> { }
            }
        }
        progress.report(1, 1, "done");
        return new ModelAnalysis(model, inputs, shapes, costs, layers);
    }
}
