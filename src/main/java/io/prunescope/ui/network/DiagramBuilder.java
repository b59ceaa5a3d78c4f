package io.prunescope.ui.network;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.analysis.PrunableLayer;
import io.prunescope.graphview.ViewGraph;
import io.prunescope.model.Node;
import io.prunescope.task.CancellationToken;
import io.prunescope.ui.Formats;
import io.prunescope.ui.TensorShapes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link NetworkDiagram} from a view graph: one box per vertex (sized by kind), the layered layout, and each
 * edge routed port to port with several edges spread over a box's side. Apart from the diagram because building is
 * done once per view, off the FX thread, while the diagram itself answers the many spatial queries of drawing and
 * hit-testing.
 */
final class DiagramBuilder {

    private DiagramBuilder() {
    }

    /** Builds and lays out what a view graph shows. Call off the FX thread. */
    static NetworkDiagram build(ModelAnalysis analysis, ViewGraph view, CancellationToken cancel) {
        long start = System.nanoTime();
        List<NetworkDiagram.Box> proto = new ArrayList<>();
        List<int[]> links = new ArrayList<>();
        List<String> linkTensor = new ArrayList<>();
        if (analysis != null && view != null) {
            collect(analysis, view, proto, links, linkTensor);
        }
        cancel.throwIfCancelled();
        int n = proto.size();
        int[] from = new int[links.size()];
        int[] to = new int[links.size()];
        for (int i = 0; i < links.size(); i++) {
            from[i] = links.get(i)[0];
            to[i] = links.get(i)[1];
        }
        double[] widths = proto.stream().mapToDouble(NetworkDiagram.Box::width).toArray();
        // a view with collapsed modules is an overview: rows closer together, so a whole backbone fits a screen
        boolean overview = proto.stream().anyMatch(b -> b.kind() == NetworkDiagram.Kind.MODULE);
        LayeredLayout.Spacing d0 = LayeredLayout.Spacing.defaults();
        LayeredLayout.Spacing spacing = overview ? new LayeredLayout.Spacing(NetworkDiagram.OVERVIEW_HEIGHT, 16, d0.nodeGap(),
                d0.dummyWidth(), d0.margin(), d0.sweeps(), d0.positionIterations()) : d0;
        LayeredLayout.Result r = LayeredLayout.layout(n, from, to, widths, spacing, cancel);
        List<NetworkDiagram.Box> boxes = new ArrayList<>(n);
        for (NetworkDiagram.Box b : proto) {
            int id = b.id();
            boxes.add(new NetworkDiagram.Box(id, b.kind(), b.node(), b.module(), b.op(), b.name(), b.shape(), b.layer(), b.folded(),
                    r.layer()[id],
                    r.x()[id], r.y()[id], b.width(), spacing.nodeHeight()));
        }
        List<NetworkDiagram.Edge> edges = route(analysis, boxes, r, from, to, linkTensor);
        long ms = (System.nanoTime() - start) / 1_000_000;
        return new NetworkDiagram(boxes, edges, r, ms);
    }

    private static void collect(ModelAnalysis a, ViewGraph view, List<NetworkDiagram.Box> boxes, List<int[]> links,
                                List<String> linkTensor) {
        for (ViewGraph.Vertex v : view.vertices()) {
            int id = v.id();
            boxes.add(switch (v.kind()) {
                case INPUT -> new NetworkDiagram.Box(id, NetworkDiagram.Kind.INPUT, null, null, "Input", v.tensor(),
                        TensorShapes.describe(a, v.tensor()), null, 0, 0, 0, 0, NetworkDiagram.IO_WIDTH, 0);
                case OUTPUT -> new NetworkDiagram.Box(id, NetworkDiagram.Kind.OUTPUT, null, null, "Output", v.tensor(),
                        TensorShapes.describe(a, v.tensor()), null, 0, 0, 0, 0, NetworkDiagram.IO_WIDTH, 0);
                case MODULE -> new NetworkDiagram.Box(id, NetworkDiagram.Kind.MODULE, null, v.module(), "Module", v.module().path(),
                        v.folded() + " nodes", null, v.folded(), 0, 0, 0, NetworkDiagram.MODULE_WIDTH, 0);
                case NODE -> {
                    Node node = v.node();
                    PrunableLayer layer = a.layer(node.displayName()).orElse(null);
                    double w = node.opType().equals("Constant") ? NetworkDiagram.CONSTANT_WIDTH : NetworkDiagram.NODE_WIDTH;
                    yield new NetworkDiagram.Box(id, NetworkDiagram.Kind.NODE, node, null, node.opType(), node.displayName(),
                            TensorShapes.describe(a, node.output(0)), layer, v.folded(), 0, 0, 0, w, 0);
                }
            });
        }
        for (ViewGraph.Link l : view.links()) {
            links.add(new int[]{l.from(), l.to()});
            linkTensor.add(l.tensor());
        }
    }

    /** Turns each edge's layout path into port-to-port points, spreading several edges over a box's side. */
    private static List<NetworkDiagram.Edge> route(ModelAnalysis a, List<NetworkDiagram.Box> boxes, LayeredLayout.Result r, int[] from, int[] to,
                                    List<String> tensors) {
        int m = from.length;
        double[][] xs = new double[m][];
        double[][] ys = new double[m][];
        double h = r.spacing().nodeHeight();
        for (int e = 0; e < m; e++) {
            int[] path = r.edgePath()[e];
            int dummies = path.length - 2;
            double[] px = new double[2 + 2 * dummies];
            double[] py = new double[px.length];
            px[0] = r.x()[path[0]];
            py[0] = r.y()[path[0]] + h;
            for (int k = 1; k <= dummies; k++) {
                int d = path[k];
                px[2 * k - 1] = r.x()[d];
                py[2 * k - 1] = r.y()[d];
                px[2 * k] = r.x()[d];
                py[2 * k] = r.y()[d] + h;
            }
            px[px.length - 1] = r.x()[path[path.length - 1]];
            py[py.length - 1] = r.y()[path[path.length - 1]];
            xs[e] = px;
            ys[e] = py;
        }
        // spread ports: outgoing edges of a box by where they head, incoming by where they come from
        Map<Integer, List<Integer>> outgoing = new HashMap<>();
        Map<Integer, List<Integer>> incoming = new HashMap<>();
        for (int e = 0; e < m; e++) {
            if (r.edgePath()[e].length >= 2 && r.layer()[from[e]] < r.layer()[to[e]]) {
                outgoing.computeIfAbsent(from[e], k -> new ArrayList<>()).add(e);
                incoming.computeIfAbsent(to[e], k -> new ArrayList<>()).add(e);
            }
        }
        for (Map.Entry<Integer, List<Integer>> en : outgoing.entrySet()) {
            List<Integer> es = en.getValue();
            es.sort((p, q) -> Double.compare(xs[p][1], xs[q][1]));
            spread(es, boxes.get(en.getKey()).width(), xs, true);
        }
        for (Map.Entry<Integer, List<Integer>> en : incoming.entrySet()) {
            List<Integer> es = en.getValue();
            es.sort((p, q) -> Double.compare(xs[p][xs[p].length - 2], xs[q][xs[q].length - 2]));
            spread(es, boxes.get(en.getKey()).width(), xs, false);
        }
        List<NetworkDiagram.Edge> edges = new ArrayList<>(m);
        for (int e = 0; e < m; e++) {
            String t = tensors.get(e);
            edges.add(new NetworkDiagram.Edge(e, from[e], to[e], t, a == null ? Formats.NONE : TensorShapes.describe(a, t), xs[e], ys[e]));
        }
        return edges;
    }

    private static void spread(List<Integer> es, double boxWidth, double[][] xs, boolean source) {
        int k = es.size();
        if (k < 2) {
            return;
        }
        double step = Math.min(14, (boxWidth - 24) / (k - 1));
        for (int i = 0; i < k; i++) {
            double[] px = xs[es.get(i)];
            int at = source ? 0 : px.length - 1;
            px[at] += (i - (k - 1) / 2.0) * step;
        }
    }
}
