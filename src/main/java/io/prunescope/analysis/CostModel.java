package io.prunescope.analysis;

import io.prunescope.model.Graph;
import io.prunescope.model.Node;
import io.prunescope.ops.OpRegistry;
import io.prunescope.ops.OpRule;

import java.util.ArrayList;
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

    /** Names of the float weight tensors (as the node reads them) that belong to this node (its op rule says which). */
    public static List<String> ownedWeights(Graph graph, Node n) {
        Optional<OpRule> rule = OpRegistry.rule(n);
        if (rule.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i : rule.get().weightInputs(graph, n)) {
            String name = n.input(i);
            if (!name.isEmpty() && Weights.floatWeight(graph, name).isPresent()) {
                out.add(name);
            }
        }
        return out;
    }

    /** Multiply-accumulates of one node, from its op rule (0 for unknown ops and unknown shapes). */
    public static long macs(Node n, Map<String, long[]> shapes) {
        return OpRegistry.rule(n).map(r -> r.macs(n, shapes)).orElse(0L);
    }
}
