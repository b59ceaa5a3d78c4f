package io.prunescope.graphview;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.model.Graph;
import io.prunescope.task.CancellationToken;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything about a model the view derives once, off the FX thread: the fold, the module tree and the module
 * totals. A change of view options only rebuilds the {@link ViewGraph} and its layout from this.
 */
public record ViewStructure(ModelAnalysis analysis, GraphFold fold, ModuleTree tree, ModuleStats stats) {

    public static ViewStructure of(ModelAnalysis analysis, CancellationToken cancel) {
        Graph g = analysis.model().graph();
        GraphFold fold = GraphFold.of(g, cancel);
        ModuleTree tree = ModuleTree.of(g, fold);
        cancel.throwIfCancelled();
        return new ViewStructure(analysis, fold, tree, ModuleStats.of(analysis, tree));
    }

    public ViewGraph viewGraph(ViewOptions options) {
        return ViewGraph.build(analysis.model().graph(), fold, tree, options);
    }

    /** The paths of the top-level modules that hold more than one drawn node ("collapse all"). */
    public Set<String> collapsibleTopModules() {
        return tree.root().children().stream()
                .filter(m -> m.allNodes().stream().filter(i -> !fold.isFolded(i)).count() > 1)
                .map(ModuleTree.Module::path).collect(Collectors.toSet());
    }
}
