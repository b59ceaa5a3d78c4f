package io.prunescope.ui;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.analysis.NodeCost;
import io.prunescope.graphview.ModuleStats;
import io.prunescope.graphview.ModuleTree;
import io.prunescope.model.Node;

import java.util.List;

/**
 * One row of the layer table: a node with its output shape and costs, or a module (node null) with the totals of
 * the nodes inside it. Immutable; built once per analysis.
 *
 * @param share this row's fraction of the model's MACs (0..1)
 */
public record LayerRow(Node node, ModuleTree.Module module, String outputShape, long params, long macs,
                       double share, boolean prunable) {

    public LayerRow(Node node, String outputShape, long params, long macs, double share, boolean prunable) {
        this(node, null, outputShape, params, macs, share, prunable);
    }

    /** The node's display name, or the module's name. */
    public String name() {
        return node != null ? node.displayName() : module.name();
    }

    /** The op, or "module". */
    public String op() {
        return node != null ? node.opType() : "module";
    }

    public boolean isModule() {
        return node == null;
    }

    /** One row per analysed node, in topological order. */
    public static List<LayerRow> from(ModelAnalysis analysis) {
        long total = analysis.totalMacs();
        return analysis.costs().stream().map(c -> row(analysis, c, total)).toList();
    }

    /** The row of a module: its totals, no shape. */
    public static LayerRow of(ModuleTree.Module m, ModuleStats.Totals t, long totalMacs) {
        return new LayerRow(null, m, "", t.params(), t.macs(), totalMacs > 0 ? (double) t.macs() / totalMacs : 0,
                false);
    }

    private static LayerRow row(ModelAnalysis analysis, NodeCost c, long totalMacs) {
        Node n = c.node();
        boolean prunable = analysis.layer(n.displayName()).isPresent();
        double share = totalMacs > 0 ? (double) c.macs() / totalMacs : 0;
        return new LayerRow(n, TensorShapes.describe(analysis, n.output(0)), c.params(), c.macs(), share, prunable);
    }
}
