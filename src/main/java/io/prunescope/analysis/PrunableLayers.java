package io.prunescope.analysis;

import io.prunescope.model.Graph;
import io.prunescope.model.Node;
import io.prunescope.ops.LayerSpec;
import io.prunescope.ops.OpRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the layers PruneScope can prune (each op rule says whether its node is one, see {@code ops.ConvRule}): Conv, ConvTranspose, Gemm with a constant B, and MatMul with a constant
 * 2-D operand, each with its weight found in an initializer or a Constant node, directly or through Identity.
 * <p>
 * Units: Conv {@code W[Cout][Cin/g][k..]}: outputUnits = Cout, inputUnits = Cin. ConvTranspose
 * {@code W[Cin][Cout/g][k..]}: outputUnits = Cout, inputUnits = Cin, {@code transposed = true} (rows are input
 * channels). Gemm: transB=1 → {@code W[out][in]}; transB=0 → {@code W[in][out]}, transposed. MatMul with a constant
 * right operand {@code W[in][out]} is transposed; with a constant left operand {@code W[out][in]} (y = W·x) it is not.
 */
public final class PrunableLayers {

    private PrunableLayers() {
    }

    public static List<PrunableLayer> find(Graph graph) {
        List<PrunableLayer> out = new ArrayList<>();
        for (Node n : graph.nodes()) {
            LayerSpec l = OpRegistry.rule(n).map(r -> r.prunable(graph, n)).orElse(null);
            if (l != null) {
                out.add(new PrunableLayer(n, l.kind(), l.weight(), l.weightInputIndex(), l.biasName(), l.outputUnits(),
                        l.inputUnits(), l.groups(), l.transposed()));
            }
        }
        return out;
    }
}
