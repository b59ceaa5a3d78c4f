package io.prunescope.analysis;

import io.prunescope.model.Graph;
import io.prunescope.model.Node;
import io.prunescope.model.Shapes;
import io.prunescope.model.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parameters and MACs per node (DESIGN §7; conventions in {@code src/docs/analysis.md}).
 * <ul>
 *   <li>MACs: Conv {@code N·Cout·(Cin/groups)·∏k·∏out_spatial}; ConvTranspose {@code N·Cin·(Cout/groups)·∏k·∏in_spatial};
 *       Gemm {@code M·N·K}; MatMul {@code batch·M·N·K} (batch = product of the broadcast leading dims); others 0.
 *       N is the batch size of the bound input, so at batch 1 these are exactly the DESIGN formulas.</li>
 *   <li>Params: elements of the floating-point constant tensors a node owns (initializer or Constant node, directly
 *       or through Identity): Conv/ConvTranspose W and B, Gemm B and C (and A if constant), MatMul's constant operand,
 *       BatchNormalization scale and bias (running mean/var are buffers), Layer/InstanceNormalization scale and bias,
 *       PRelu slope, and the constant bias of an Add that directly follows a MatMul. A constant read by several nodes
 *       counts once, for the first owner in topological order.</li>
 * </ul>
 */
public final class CostModel {

    private CostModel() {
    }

    /** One cost per node, in topological order. Nodes whose shapes are unknown get 0 MACs. */
    public static List<NodeCost> costs(Graph graph, Map<String, long[]> shapes) {
        List<NodeCost> out = new ArrayList<>(graph.nodes().size());
        Set<String> counted = new HashSet<>();
        for (Node n : graph.nodes()) {
            long params = 0;
            for (String w : ownedWeights(graph, n)) {
                String key = Weights.constantName(graph, w);
                if (key != null && counted.add(key)) {
                    params += graph.constants().get(key).numel();
                }
            }
            out.add(new NodeCost(n, params, macs(n, shapes)));
        }
        return out;
    }

    /** Names of the float weight tensors (as the node reads them) that belong to this node. */
    public static List<String> ownedWeights(Graph graph, Node n) {
        if (!n.isStandardDomain()) {
            return List.of();
        }
        int[] idx = switch (n.opType()) {
            case "Conv", "ConvTranspose", "BatchNormalization", "LayerNormalization", "InstanceNormalization" ->
                    new int[]{1, 2};
            case "Gemm" -> new int[]{0, 1, 2};
            case "MatMul" -> new int[]{0, 1};
            case "PRelu" -> new int[]{1};
            case "Add" -> biasAfterMatMul(graph, n);
            default -> new int[0];
        };
        List<String> out = new ArrayList<>();
        for (int i : idx) {
            String name = n.input(i);
            if (!name.isEmpty() && Weights.floatWeight(graph, name).isPresent()) {
                out.add(name);
            }
        }
        return out;
    }

    private static int[] biasAfterMatMul(Graph graph, Node add) {
        for (int i = 0; i < 2; i++) {
            Optional<Node> p = graph.producer(add.input(i));
            String other = add.input(1 - i);
            if (p.isPresent() && p.get().opType().equals("MatMul")) {
                Optional<Tensor> bias = Weights.floatWeight(graph, other);
                if (bias.isPresent() && bias.get().rank() >= 1) {
                    return new int[]{1 - i};
                }
            }
        }
        return new int[0];
    }

    /** Multiply-accumulates of one node; 0 for ops that are not Conv/ConvTranspose/Gemm/MatMul or unknown shapes. */
    public static long macs(Node n, Map<String, long[]> shapes) {
        if (!n.isStandardDomain()) {
            return 0;
        }
        switch (n.opType()) {
            case "Conv" -> {
                long[] w = shapes.get(n.input(1));
                long[] y = shapes.get(n.output(0));
                if (w == null || y == null || y.length < 3) {
                    return 0;
                }
                // N · Cout · (Cin/g) · ∏k · ∏out
                return Shapes.numel(w) * y[0] * Shapes.numel(Arrays.copyOfRange(y, 2, y.length));
            }
            case "ConvTranspose" -> {
                long[] w = shapes.get(n.input(1));
                long[] x = shapes.get(n.input(0));
                if (w == null || x == null || x.length < 3) {
                    return 0;
                }
                // N · Cin · (Cout/g) · ∏k · ∏in
                return Shapes.numel(w) * x[0] * Shapes.numel(Arrays.copyOfRange(x, 2, x.length));
            }
            case "Gemm" -> {
                long[] a = shapes.get(n.input(0));
                long[] b = shapes.get(n.input(1));
                if (a == null || b == null || a.length != 2 || b.length != 2) {
                    return 0;
                }
                boolean ta = n.intAttr("transA", 0) != 0;
                boolean tb = n.intAttr("transB", 0) != 0;
                long m = ta ? a[1] : a[0];
                long k = ta ? a[0] : a[1];
                long nn = tb ? b[0] : b[1];
                return m * nn * k;
            }
            case "MatMul" -> {
                long[] a = shapes.get(n.input(0));
                long[] b = shapes.get(n.input(1));
                long[] y = shapes.get(n.output(0));
                if (a == null || b == null || y == null || a.length == 0 || b.length == 0) {
                    return 0;
                }
                long k = a[a.length - 1];
                // output elements already include batch, M and N (1-D operands drop theirs)
                return Shapes.numel(y) * k;
            }
            default -> {
                return 0;
            }
        }
    }
}
