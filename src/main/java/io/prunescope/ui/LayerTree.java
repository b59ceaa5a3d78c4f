package io.prunescope.ui;

import io.prunescope.graphview.ModuleTree;
import io.prunescope.graphview.ViewStructure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The layer table as a tree by module, without JavaFX controls: a branch is a module row with its children, a leaf
 * a node row. Only rows the filter lets through are kept, and modules with none of them are dropped. A module
 * left with a single child is replaced by that child (its full name tells where it sits), so a Conv block
 * ({@code cv1/conv/Conv}) does not cost three levels for one row.
 */
public record LayerTree(LayerRow row, List<LayerTree> children) {

    public boolean isLeaf() {
        return children.isEmpty() && row != null && !row.isModule();
    }

    /** All node rows under this branch, depth first. */
    public List<LayerRow> leaves() {
        List<LayerRow> out = new ArrayList<>();
        collect(this, out);
        return out;
    }

    private static void collect(LayerTree t, List<LayerRow> out) {
        if (t.row != null && !t.row.isModule()) {
            out.add(t.row);
        }
        t.children.forEach(c -> collect(c, out));
    }

    /** A flat tree: every passing row under a root (no module structure known). */
    public static LayerTree flat(List<LayerRow> rows, Predicate<LayerRow> keep) {
        return new LayerTree(null, rows.stream().filter(keep).map(r -> new LayerTree(r, List.of())).toList());
    }

    /** The tree by module; the root's row is null. */
    public static LayerTree of(ViewStructure s, List<LayerRow> rows, Predicate<LayerRow> keep) {
        Map<Integer, LayerRow> byNode = new HashMap<>();
        Map<Integer, Integer> position = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            byNode.put(rows.get(i).node().index(), rows.get(i));
            position.put(rows.get(i).node().index(), i);
        }
        long total = s.analysis().totalMacs();
        List<LayerTree> top = branchChildren(s, s.tree().root(), byNode, position, keep, total);
        return new LayerTree(null, top);
    }

    private static List<LayerTree> branchChildren(ViewStructure s, ModuleTree.Module m, Map<Integer, LayerRow> byNode,
                                                  Map<Integer, Integer> position, Predicate<LayerRow> keep,
                                                  long total) {
        List<Object[]> items = new ArrayList<>(); // {first position, tree}
        for (ModuleTree.Module c : m.children()) {
            List<LayerTree> inside = branchChildren(s, c, byNode, position, keep, total);
            if (inside.isEmpty()) {
                continue;
            }
            LayerTree t = inside.size() == 1 ? inside.get(0)
                    : new LayerTree(LayerRow.of(c, s.stats().of(c), total), inside);
            items.add(new Object[]{firstPosition(t, position), t});
        }
        for (int ix : m.nodes()) {
            LayerRow r = byNode.get(ix);
            if (r != null && keep.test(r)) {
                items.add(new Object[]{position.get(ix), new LayerTree(r, List.of())});
            }
        }
        items.sort(Comparator.comparingInt(o -> (Integer) o[0]));
        return items.stream().map(o -> (LayerTree) o[1]).toList();
    }

    /**
     * The position of a branch's first node row. A branch's children are sorted by their first position, so it is
     * its first child's, down to a leaf (not a walk over all its leaves: that made building the tree quadratic in
     * the depth, on the FX thread when the network's structure arrives).
     */
    private static int firstPosition(LayerTree t, Map<Integer, Integer> position) {
        LayerTree first = t;
        while (!first.children.isEmpty()) {
            first = first.children.get(0);
        }
        return first.row == null || first.row.isModule() ? Integer.MAX_VALUE : position.get(first.row.node().index());
    }
}
