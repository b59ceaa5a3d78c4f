package io.prunescope.graphview;

import io.prunescope.model.Graph;
import io.prunescope.model.Node;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The module hierarchy exporters write into node names. PyTorch names a node by its module path and op
 * ({@code /model.2/m/m.0/cv1/conv/Conv}, {@code /layer3/layer3.0/conv2/Conv}); tf2onnx by the Keras scope
 * ({@code StatefulPartitionedCall/model/conv2d/BiasAdd}). Every segment but the last is a module; a node's last
 * segment is its own name. Flat names ({@code p2o.Conv.12} from paddle2onnx, {@code Conv_3}) give no hierarchy:
 * such nodes sit at the root. A module with no nodes of its own and a single child module is merged with the
 * child ({@code StatefulPartitionedCall/model}), so no level of the tree is a box around one other box.
 * No JavaFX; built once per model.
 */
public final class ModuleTree {

    /** One module: its path ({@code model.2/m}), its children and its own nodes (graph node indices). */
    public static final class Module {
        private final String path;
        private final String name;
        private final Module parent;
        private final Map<String, Module> children = new LinkedHashMap<>();
        private final List<Integer> nodes = new ArrayList<>();

        Module(String path, String name, Module parent) {
            this.path = path;
            this.name = name;
            this.parent = parent;
        }

        /** The full path, segments joined by '/'; "" for the root. */
        public String path() {
            return path;
        }

        /** The module's own name (the last segments of its path; merged levels keep theirs). */
        public String name() {
            return name;
        }

        public Module parent() {
            return parent;
        }

        public boolean isRoot() {
            return parent == null;
        }

        /** Child modules in the order their first node appears in the graph. */
        public List<Module> children() {
            return List.copyOf(children.values());
        }

        /** This module's own nodes (not its children's): drawn nodes in graph order, then folded ones. */
        public List<Integer> nodes() {
            return Collections.unmodifiableList(nodes);
        }

        public int depth() {
            return parent == null ? 0 : parent.depth() + 1;
        }

        /** True when {@code other} is this module or one inside it. */
        public boolean contains(Module other) {
            for (Module m = other; m != null; m = m.parent) {
                if (m == this) {
                    return true;
                }
            }
            return false;
        }

        /** Every node inside, children's included (own nodes first, then each child's). */
        public List<Integer> allNodes() {
            List<Integer> out = new ArrayList<>();
            collect(this, out);
            return out;
        }

        private static void collect(Module m, List<Integer> out) {
            out.addAll(m.nodes);
            m.children.values().forEach(c -> collect(c, out));
        }

        @Override
        public String toString() {
            return path.isEmpty() ? "(root)" : path;
        }
    }

    private final Module root;
    private final Map<Integer, Module> ownerOfNode;
    private final Map<String, Module> byPath;

    private ModuleTree(Module root, Map<Integer, Module> ownerOfNode, Map<String, Module> byPath) {
        this.root = root;
        this.ownerOfNode = ownerOfNode;
        this.byPath = byPath;
    }

    public static ModuleTree of(Graph g) {
        return of(g, GraphFold.of(g, io.prunescope.task.CancellationToken.NEVER));
    }

    /**
     * Modules are ordered by their first drawn node: exporters hoist constants and shape arithmetic to the top of
     * the graph, which would otherwise put the Detect head's module before the backbone.
     */
    public static ModuleTree of(Graph g, GraphFold fold) {
        Raw raw = new Raw();
        List<Node> ordered = new ArrayList<>(g.nodes().stream().filter(n -> !fold.isFolded(n.index())).toList());
        ordered.addAll(g.nodes().stream().filter(n -> fold.isFolded(n.index())).toList());
        for (Node n : ordered) {
            List<String> segments = segments(n.name());
            Raw r = raw;
            for (int s = 0; s < segments.size() - 1; s++) {
                r = r.children.computeIfAbsent(segments.get(s), k -> new Raw());
            }
            r.nodes.add(n.index());
        }
        Module root = new Module("", "", null);
        root.nodes.addAll(raw.nodes);
        raw.children.forEach((k, v) -> root.children.put(k, build(v, k, root)));
        Map<String, Module> byPath = new HashMap<>();
        index(root, byPath);
        Map<Integer, Module> owners = new HashMap<>();
        byPath.values().forEach(m -> m.nodes.forEach(ix -> owners.put(ix, m)));
        return new ModuleTree(root, owners, byPath);
    }

    /** The tree as names are read, before chains are merged. */
    private static final class Raw {
        final Map<String, Raw> children = new LinkedHashMap<>();
        final List<Integer> nodes = new ArrayList<>();
    }

    /** Builds a module, merging a chain of node-less single-child levels into one ("StatefulPartitionedCall/model"). */
    private static Module build(Raw r, String name, Module parent) {
        String path = parent.path.isEmpty() ? name : parent.path + "/" + name;
        String shown = name;
        Raw c = r;
        while (c.nodes.isEmpty() && c.children.size() == 1) {
            Map.Entry<String, Raw> only = c.children.entrySet().iterator().next();
            shown = shown + "/" + only.getKey();
            path = path + "/" + only.getKey();
            c = only.getValue();
        }
        Module m = new Module(path, shown, parent);
        m.nodes.addAll(c.nodes);
        c.children.forEach((k, v) -> m.children.put(k, build(v, k, m)));
        return m;
    }

    /** Name segments: "/model.2/cv1/conv/Conv" gives [model.2, cv1, conv, Conv]; a name without '/' one segment. */
    static List<String> segments(String name) {
        if (name == null || name.isEmpty()) {
            return List.of("");
        }
        List<String> out = new ArrayList<>();
        for (String s : name.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out.isEmpty() ? List.of(name) : out;
    }

    private static void index(Module m, Map<String, Module> byPath) {
        byPath.put(m.path, m);
        m.children.values().forEach(c -> index(c, byPath));
    }

    public Module root() {
        return root;
    }

    /** The module a node belongs to directly (the root for flat names). */
    public Module ownerOf(int nodeIndex) {
        return ownerOfNode.getOrDefault(nodeIndex, root);
    }

    public Optional<Module> find(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    /** Every module but the root, parents before children. */
    public List<Module> modules() {
        List<Module> out = new ArrayList<>();
        walk(root, out);
        out.remove(0);
        return out;
    }

    private static void walk(Module m, List<Module> out) {
        out.add(m);
        m.children.values().forEach(c -> walk(c, out));
    }

    /** The chain of modules from just under the root down to the node's owner. */
    public List<Module> ancestry(int nodeIndex) {
        List<Module> chain = new ArrayList<>();
        for (Module m = ownerOf(nodeIndex); m != null && !m.isRoot(); m = m.parent) {
            chain.add(0, m);
        }
        return chain;
    }
}
