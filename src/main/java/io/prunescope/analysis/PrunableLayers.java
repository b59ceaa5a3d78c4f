package io.prunescope.analysis;

import io.prunescope.model.Graph;
import io.prunescope.model.Node;
import io.prunescope.model.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the layers PruneScope can prune: Conv, ConvTranspose, Gemm with a constant B, and MatMul with a constant
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
            if (!n.isStandardDomain()) {
                continue;
            }
            PrunableLayer l = switch (n.opType()) {
                case "Conv" -> conv(graph, n, false);
                case "ConvTranspose" -> conv(graph, n, true);
                case "Gemm" -> gemm(graph, n);
                case "MatMul" -> matmul(graph, n);
                default -> null;
            };
            if (l != null) {
                out.add(l);
            }
        }
        return out;
    }

    private static PrunableLayer conv(Graph g, Node n, boolean transpose) {
        Optional<Tensor> w = Weights.floatWeight(g, n.input(1));
        if (w.isEmpty() || w.get().rank() < 3) {
            return null;
        }
        long[] d = w.get().dims();
        long groups = n.intAttr("group", 1);
        String bias = bias(g, n.input(2));
        if (transpose) {
            return new PrunableLayer(n, LayerKind.CONV_TRANSPOSE, w.get(), 1, bias, d[1] * groups, d[0], groups, true);
        }
        return new PrunableLayer(n, LayerKind.CONV, w.get(), 1, bias, d[0], d[1] * groups, groups, false);
    }

    private static PrunableLayer gemm(Graph g, Node n) {
        Optional<Tensor> w = Weights.floatWeight(g, n.input(1));
        if (w.isEmpty() || w.get().rank() != 2) {
            return null;
        }
        long[] d = w.get().dims();
        boolean tb = n.intAttr("transB", 0) != 0;
        String bias = bias(g, n.input(2));
        return tb ? new PrunableLayer(n, LayerKind.GEMM, w.get(), 1, bias, d[0], d[1], 1, false)
                : new PrunableLayer(n, LayerKind.GEMM, w.get(), 1, bias, d[1], d[0], 1, true);
    }

    private static PrunableLayer matmul(Graph g, Node n) {
        Optional<Tensor> right = Weights.floatWeight(g, n.input(1));
        if (right.isPresent() && right.get().rank() == 2 && Weights.floatWeight(g, n.input(0)).isEmpty()) {
            long[] d = right.get().dims();
            return new PrunableLayer(n, LayerKind.MATMUL, right.get(), 1, followingBias(g, n, d[1]), d[1], d[0], 1,
                    true);
        }
        Optional<Tensor> left = Weights.floatWeight(g, n.input(0));
        if (left.isPresent() && left.get().rank() == 2 && right.isEmpty()) {
            long[] d = left.get().dims();
            return new PrunableLayer(n, LayerKind.MATMUL, left.get(), 0, null, d[0], d[1], 1, false);
        }
        return null;
    }

    private static String bias(Graph g, String input) {
        if (input.isEmpty()) {
            return null;
        }
        return Weights.floatWeight(g, input).isPresent() ? Weights.constantName(g, input) : null;
    }

    /** The constant bias of an Add that is the MatMul's only consumer, when it has one value per output unit. */
    private static String followingBias(Graph g, Node matmul, long units) {
        List<Node> readers = g.consumers(matmul.output(0));
        if (readers.size() != 1 || !readers.get(0).opType().equals("Add") || g.isGraphOutput(matmul.output(0))) {
            return null;
        }
        Node add = readers.get(0);
        String other = add.input(0).equals(matmul.output(0)) ? add.input(1) : add.input(0);
        Optional<Tensor> b = Weights.floatWeight(g, other);
        if (b.isPresent() && b.get().rank() >= 1 && b.get().numel() == units && b.get().dim(b.get().rank() - 1) == units) {
            return Weights.constantName(g, other);
        }
        return null;
    }
}
