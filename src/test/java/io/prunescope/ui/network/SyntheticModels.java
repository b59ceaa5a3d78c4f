package io.prunescope.ui.network;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.analysis.NodeCost;
import io.prunescope.model.DataType;
import io.prunescope.model.Graph;
import io.prunescope.model.Model;
import io.prunescope.model.Node;
import io.prunescope.model.Shape;
import io.prunescope.model.TensorType;
import io.prunescope.model.ValueInfo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** In-memory graphs of any size for layout tests (no weights: the layout needs only the structure). */
final class SyntheticModels {

    private SyntheticModels() {
    }

    /**
     * About {@code nodes} nodes: residual blocks (Conv → Relu → Conv → Add(skip) → Relu) with, every eighth block,
     * a two-branch split joined by a Concat and a long skip from four blocks back, like real detectors have.
     */
    static ModelAnalysis residualChain(int nodes) {
        List<Node> list = new ArrayList<>();
        Map<String, long[]> shapes = new HashMap<>();
        String x = "input";
        shapes.put(x, new long[]{1, 16, 64, 64});
        List<String> history = new ArrayList<>();
        int block = 0;
        while (list.size() < nodes - 6) {
            String p = "b" + block + "/";
            if (block % 8 == 7 && history.size() > 4) {
                String far = history.get(history.size() - 4);
                add(list, shapes, p + "left", "Conv", List.of(x), p + "l");
                add(list, shapes, p + "right", "Conv", List.of(x), p + "r");
                add(list, shapes, p + "right_act", "Sigmoid", List.of(p + "r"), p + "ra");
                add(list, shapes, p + "concat", "Concat", List.of(p + "l", p + "ra", far), p + "cat");
                add(list, shapes, p + "fuse", "Conv", List.of(p + "cat"), p + "out");
            } else {
                add(list, shapes, p + "conv1", "Conv", List.of(x), p + "c1");
                add(list, shapes, p + "relu1", "Relu", List.of(p + "c1"), p + "r1");
                add(list, shapes, p + "conv2", "Conv", List.of(p + "r1"), p + "c2");
                add(list, shapes, p + "add", "Add", List.of(p + "c2", x), p + "a");
                add(list, shapes, p + "relu2", "Relu", List.of(p + "a"), p + "out");
            }
            x = p + "out";
            history.add(x);
            block++;
        }
        add(list, shapes, "head/pool", "GlobalAveragePool", List.of(x), "pooled");
        add(list, shapes, "head/flatten", "Flatten", List.of("pooled"), "flat");
        String last = "flat";
        for (int i = 0; list.size() < nodes - 1; i++) {
            add(list, shapes, "head/identity" + i, "Identity", List.of(last), "id" + i);
            last = "id" + i;
        }
        add(list, shapes, "head/fc", "Gemm", List.of(last), "logits");
        ValueInfo in = new ValueInfo("input", new TensorType(DataType.FLOAT, Shape.of(1, 16, 64, 64)));
        ValueInfo out = new ValueInfo("logits", new TensorType(DataType.FLOAT, Shape.of(1, 10)));
        Graph g = new Graph("synthetic", list, List.of(in), List.of(out), Map.of(), Map.of(), Map.of());
        Model m = new Model(Path.of("synthetic.onnx"), "0".repeat(64), 0, 8, Map.of("", 13L), "test", "1", "",
                Map.of(), g);
        List<NodeCost> costs = new ArrayList<>();
        for (Node n : list) {
            costs.add(new NodeCost(n, 0, 0));
        }
        return new ModelAnalysis(m, Map.of("input", new long[]{1, 16, 64, 64}), shapes, costs, List.of());
    }

    private static void add(List<Node> list, Map<String, long[]> shapes, String name, String op, List<String> inputs,
                            String output) {
        list.add(new Node(list.size(), name, op, "", inputs, List.of(output), Map.of()));
        shapes.put(output, new long[]{1, 16, 64, 64});
    }
}
