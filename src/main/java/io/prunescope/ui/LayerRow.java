package io.prunescope.ui;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.analysis.NodeCost;
import io.prunescope.model.Node;

import java.util.List;

/**
 * One row of the layer table: a node with its output shape and costs. Immutable; built once per analysis.
 *
 * @param share this node's fraction of the model's MACs (0..1)
 */
public record LayerRow(Node node, String outputShape, long params, long macs, double share, boolean prunable) {

    public String name() {
        return node.displayName();
    }

    public String op() {
        return node.opType();
    }

    /** One row per analysed node, in topological order. */
    public static List<LayerRow> from(ModelAnalysis analysis) {
        long total = analysis.totalMacs();
        return analysis.costs().stream().map(c -> row(analysis, c, total)).toList();
    }

    private static LayerRow row(ModelAnalysis analysis, NodeCost c, long totalMacs) {
        Node n = c.node();
        boolean prunable = analysis.layer(n.displayName()).isPresent();
        double share = totalMacs > 0 ? (double) c.macs() / totalMacs : 0;
        return new LayerRow(n, TensorShapes.describe(analysis, n.output(0)), c.params(), c.macs(), share, prunable);
    }
}
