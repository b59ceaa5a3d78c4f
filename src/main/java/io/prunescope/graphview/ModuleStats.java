package io.prunescope.graphview;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.analysis.NodeCost;
import io.prunescope.analysis.PrunableLayer;
import io.prunescope.model.Node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a module box and a module row show: parameters and MACs summed over the module's nodes, and its prunable
 * layers in graph order (for the kept fraction under the plan and the heat strip). Computed once per analysis.
 */
public final class ModuleStats {

    /** Totals of one module. */
    public record Totals(long params, long macs, List<PrunableLayer> layers) {
    }

    private final Map<String, Totals> byPath = new HashMap<>();

    private ModuleStats() {
    }

    public static ModuleStats of(ModelAnalysis a, ModuleTree tree) {
        ModuleStats s = new ModuleStats();
        Map<Integer, NodeCost> costs = new HashMap<>();
        a.costs().forEach(c -> costs.put(c.node().index(), c));
        Map<Integer, Integer> position = new HashMap<>();
        List<Node> nodes = a.model().graph().nodes();
        for (int i = 0; i < nodes.size(); i++) {
            position.put(nodes.get(i).index(), i);
        }
        List<ModuleTree.Module> all = new ArrayList<>(tree.modules());
        all.add(tree.root());
        for (ModuleTree.Module m : all) {
            long params = 0;
            long macs = 0;
            List<PrunableLayer> layers = new ArrayList<>();
            List<Integer> inside = new ArrayList<>(m.allNodes());
            inside.sort((x, y) -> Integer.compare(position.get(x), position.get(y)));
            for (int ix : inside) {
                NodeCost c = costs.get(ix);
                if (c != null) {
                    params += c.params();
                    macs += c.macs();
                }
                a.layer(a.model().graph().node(ix).displayName()).ifPresent(layers::add);
            }
            s.byPath.put(m.path(), new Totals(params, macs, List.copyOf(layers)));
        }
        return s;
    }

    public Totals of(ModuleTree.Module m) {
        return byPath.getOrDefault(m.path(), new Totals(0, 0, List.of()));
    }
}
