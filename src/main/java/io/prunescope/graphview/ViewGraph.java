package io.prunescope.graphview;

import io.prunescope.model.Graph;
import io.prunescope.model.Node;
import io.prunescope.model.ValueInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the network view draws for one set of {@link ViewOptions}: vertices (graph inputs, drawn nodes, collapsed
 * modules, graph outputs) and the links between them. Folded nodes are left out; an edge through a folded
 * Identity or no-op Cast joins the nodes on either side; a collapsed module stands for every drawn node inside it,
 * and links between two vertices are drawn once. No JavaFX, no layout: {@code NetworkDiagram} lays this out.
 */
public final class ViewGraph {

    public enum Kind { INPUT, NODE, MODULE, OUTPUT }

    /**
     * One vertex. {@code node} is set for NODE, {@code module} for MODULE, {@code tensor} for INPUT/OUTPUT;
     * {@code folded} is the number of shape-arithmetic nodes folded into a NODE (its marker), or the number of drawn
     * nodes a MODULE stands for.
     */
    public record Vertex(int id, Kind kind, Node node, ModuleTree.Module module, String tensor, int folded) {
    }

    /** A link {@code from → to} carrying {@code tensor} (the first of several when a module joins them). */
    public record Link(int from, int to, String tensor) {
    }

    private final List<Vertex> vertices;
    private final List<Link> links;
    private final Map<Integer, Integer> vertexOfNode;

    private ViewGraph(List<Vertex> vertices, List<Link> links, Map<Integer, Integer> vertexOfNode) {
        this.vertices = List.copyOf(vertices);
        this.links = List.copyOf(links);
        this.vertexOfNode = vertexOfNode;
    }

    public static ViewGraph build(Graph g, GraphFold fold, ModuleTree tree, ViewOptions options) {
        GraphFold f = options.showEverything() ? GraphFold.none() : fold;
        List<Vertex> vertices = new ArrayList<>();
        Map<String, Integer> inputVertex = new HashMap<>();
        for (ValueInfo in : g.inputs()) {
            if (!g.isConstant(in.name())) {
                inputVertex.put(in.name(), vertices.size());
                vertices.add(new Vertex(vertices.size(), Kind.INPUT, null, null, in.name(), 0));
            }
        }
        Map<Integer, Integer> vertexOfNode = new HashMap<>();
        Map<ModuleTree.Module, Integer> moduleVertex = new HashMap<>();
        Map<Integer, int[]> moduleCount = new HashMap<>();
        for (Node n : g.nodes()) {
            if (!drawn(f, n, options)) {
                continue;
            }
            Optional<ModuleTree.Module> collapsed = collapsedAncestor(tree, n.index(), options.collapsedModules());
            if (collapsed.isPresent()) {
                int id = moduleVertex.computeIfAbsent(collapsed.get(), m -> {
                    vertices.add(new Vertex(vertices.size(), Kind.MODULE, null, m, null, 0));
                    return vertices.size() - 1;
                });
                moduleCount.computeIfAbsent(id, k -> new int[1])[0]++;
                vertexOfNode.put(n.index(), id);
            } else {
                int id = vertices.size();
                vertices.add(new Vertex(id, Kind.NODE, n, null, null, f.foldedInto(n.index()).size()));
                vertexOfNode.put(n.index(), id);
            }
        }
        moduleCount.forEach((id, c) -> {
            Vertex v = vertices.get(id);
            vertices.set(id, new Vertex(id, Kind.MODULE, null, v.module(), null, c[0]));
        });
        List<Link> links = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Node n : g.nodes()) {
            Integer to = vertexOfNode.get(n.index());
            if (to == null) {
                continue;
            }
            for (String t : n.inputs()) {
                Integer from = t.isEmpty() ? null : source(g, f, t, vertexOfNode, inputVertex);
                if (from != null && !from.equals(to) && seen.add(key(vertices, from, to, t))) {
                    links.add(new Link(from, to, t));
                }
            }
        }
        for (ValueInfo out : g.outputs()) {
            Integer from = source(g, f, out.name(), vertexOfNode, inputVertex);
            int id = vertices.size();
            vertices.add(new Vertex(id, Kind.OUTPUT, null, null, out.name(), 0));
            if (from != null) {
                links.add(new Link(from, id, out.name()));
            }
        }
        return new ViewGraph(vertices, links, vertexOfNode);
    }

    private static boolean drawn(GraphFold f, Node n, ViewOptions options) {
        Optional<GraphFold.Reason> r = f.reason(n.index());
        if (r.isEmpty()) {
            return true;
        }
        return r.get() == GraphFold.Reason.SHAPE && options.expandedHosts().contains(f.host(n.index()));
    }

    /** The outermost collapsed module holding a node, if any. */
    private static Optional<ModuleTree.Module> collapsedAncestor(ModuleTree tree, int nodeIndex,
                                                                  Set<String> collapsed) {
        if (collapsed.isEmpty()) {
            return Optional.empty();
        }
        for (ModuleTree.Module m : tree.ancestry(nodeIndex)) {
            if (collapsed.contains(m.path())) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The vertex a tensor comes from: its producer, through folded pass-through nodes; null when not drawn. */
    private static Integer source(Graph g, GraphFold f, String tensor, Map<Integer, Integer> vertexOfNode,
                                  Map<String, Integer> inputVertex) {
        String t = tensor;
        for (int guard = 0; guard < 10_000; guard++) {
            Optional<Node> p = g.producer(t);
            if (p.isEmpty()) {
                return inputVertex.get(t);
            }
            Integer v = vertexOfNode.get(p.get().index());
            if (v != null) {
                return v;
            }
            if (f.reason(p.get().index()).orElse(null) != GraphFold.Reason.PASS_THROUGH) {
                return null;
            }
            t = p.get().input(0);
        }
        return null;
    }

    /** Links to or from a module are drawn once per pair; between nodes once per tensor. */
    private static String key(List<Vertex> vertices, int from, int to, String tensor) {
        boolean module = vertices.get(from).kind() == Kind.MODULE || vertices.get(to).kind() == Kind.MODULE;
        return from + ">" + to + (module ? "" : ">" + tensor);
    }

    public List<Vertex> vertices() {
        return vertices;
    }

    public List<Link> links() {
        return links;
    }

    /** The vertex drawing a node: its own, its collapsed module's, or empty when the node is folded away. */
    public Optional<Vertex> vertexOf(int nodeIndex) {
        Integer id = vertexOfNode.get(nodeIndex);
        return id == null ? Optional.empty() : Optional.of(vertices.get(id));
    }

    public long count(Kind kind) {
        return vertices.stream().filter(v -> v.kind() == kind).count();
    }
}
