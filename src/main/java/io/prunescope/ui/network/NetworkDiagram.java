package io.prunescope.ui.network;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.analysis.PrunableLayer;
import io.prunescope.graphview.GraphFold;
import io.prunescope.graphview.ModuleTree;
import io.prunescope.graphview.ViewGraph;
import io.prunescope.graphview.ViewOptions;
import io.prunescope.model.Node;
import io.prunescope.task.CancellationToken;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * The network as laid out boxes and routed edges, immutable and free of JavaFX: built off the FX thread from an
 * analysis, then drawn by {@code NetworkView}. Boxes are the graph's nodes plus one box per graph input and output;
 * an edge is one tensor from its producer to one reader. Spatial queries only touch the layers a rectangle
 * covers (binary search by x inside a layer), so drawing and hit-testing cost what is visible, not the model size.
 */
public final class NetworkDiagram {

    public static final double NODE_WIDTH = 184;
    public static final double CONSTANT_WIDTH = 120;
    public static final double IO_WIDTH = 150;
    public static final double MODULE_WIDTH = 220;
    /** Box height in a view with collapsed modules: one line of text and a strip (painters draw compact boxes). */
    public static final double OVERVIEW_HEIGHT = 32;

    /** What a box stands for. */
    public enum Kind { NODE, INPUT, OUTPUT, MODULE }

    /**
     * One box; {@code node} is null for graph inputs, outputs and modules, {@code module} is set for a collapsed
     * module. {@code x} is the centre, {@code y} the top. {@code layer} is the prunable layer the node is, or null;
     * {@code folded} the number of shape-arithmetic nodes folded into the node (its expand marker) or, for a
     * module, the number of drawn nodes it stands for.
     */
    public record Box(int id, Kind kind, Node node, ModuleTree.Module module, String op, String name, String shape,
                      PrunableLayer layer, int folded, int rank, double x, double y, double width, double height) {

        /** True for a node box with shape arithmetic folded into it. */
        public boolean hasFoldMarker() {
            return kind == Kind.NODE && folded > 0;
        }

        public double left() {
            return x - width / 2;
        }

        public double right() {
            return x + width / 2;
        }

        public double bottom() {
            return y + height;
        }

        public boolean contains(double px, double py) {
            // a fold marker sits on the top edge; its upper half belongs to the box too
            return px >= left() && px <= right() && py >= y - (hasFoldMarker() ? 9 : 0) && py <= bottom();
        }
    }

    /**
     * One edge: tensor {@code tensor} from box {@code from} to box {@code to}. Its route is {@code xs/ys}: pairs
     * of points, a curve from point 2k to 2k+1 between layers and a straight line from 2k+1 to 2k+2 through a
     * layer it crosses (a dummy node).
     */
    public record Edge(int id, int from, int to, String tensor, String shape, double[] xs, double[] ys) {
    }

    private final List<Box> boxes;
    private final List<Edge> edges;
    private final LayeredLayout.Result layout;
    private final Map<Integer, Integer> boxOfNode;
    /** Per layer, real boxes in x order. */
    private final int[][] rows;
    /** Per gap below layer l: edges with a curve there. */
    private final int[][] gapEdges;
    /** Per layer l: edges passing straight through it. */
    private final int[][] passEdges;
    private final double width;
    private final double height;
    private final long layoutMillis;

    NetworkDiagram(List<Box> boxes, List<Edge> edges, LayeredLayout.Result layout, long layoutMillis) {
        this.boxes = List.copyOf(boxes);
        this.edges = List.copyOf(edges);
        this.layout = layout;
        this.layoutMillis = layoutMillis;
        this.boxOfNode = new HashMap<>();
        for (Box b : boxes) {
            if (b.node() != null) {
                boxOfNode.put(b.node().index(), b.id());
            }
        }
        for (Box b : boxes) {
            if (b.module() != null) {
                for (int ix : b.module().allNodes()) {
                    boxOfNode.putIfAbsent(ix, b.id());
                }
            }
        }
        int layers = layout.layerCount();
        rows = new int[layers][];
        for (int l = 0; l < layers; l++) {
            rows[l] = Arrays.stream(layout.layers()[l]).filter(v -> !layout.isDummy(v)).toArray();
        }
        List<List<Integer>> gaps = new ArrayList<>();
        List<List<Integer>> passes = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            gaps.add(new ArrayList<>());
            passes.add(new ArrayList<>());
        }
        for (Edge e : edges) {
            int top = layout.layer()[e.from()];
            int curves = e.xs().length / 2;
            for (int k = 0; k < curves; k++) {
                int l = top + k;
                if (l >= 0 && l < layers) {
                    gaps.get(l).add(e.id());
                }
                if (k + 1 < curves && l + 1 < layers) {
                    passes.get(l + 1).add(e.id());
                }
            }
        }
        gapEdges = gaps.stream().map(x -> x.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
        passEdges = passes.stream().map(x -> x.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
        width = layout.contentWidth();
        height = layout.contentHeight();
    }

    public static NetworkDiagram empty() {
        return build(null, CancellationToken.NEVER);
    }

    /** Builds and lays out every node of an analysis (null gives an empty diagram). Call off the FX thread. */
    public static NetworkDiagram build(ModelAnalysis analysis, CancellationToken cancel) {
        if (analysis == null) {
            return build(null, null, cancel);
        }
        var g = analysis.model().graph();
        return build(analysis, ViewGraph.build(g, GraphFold.none(), ModuleTree.of(g, GraphFold.none()),
                ViewOptions.folded().withShowEverything(true)), cancel);
    }

    /** Builds and lays out what a view graph shows. Call off the FX thread. */
    public static NetworkDiagram build(ModelAnalysis analysis, ViewGraph view, CancellationToken cancel) {
        return DiagramBuilder.build(analysis, view, cancel);
    }

    // ---- queries --------------------------------------------------------------------------------------------

    public List<Box> boxes() {
        return boxes;
    }

    public List<Edge> edges() {
        return edges;
    }

    public LayeredLayout.Result layout() {
        return layout;
    }

    public double width() {
        return width;
    }

    public double height() {
        return height;
    }

    public int layerCount() {
        return rows.length;
    }

    public long layoutMillis() {
        return layoutMillis;
    }

    public boolean isEmpty() {
        return boxes.isEmpty();
    }

    /** The box drawing a graph node (its own or its collapsed module's), by its {@link Node#index()}. */
    public Optional<Box> boxOf(Node node) {
        if (node == null) {
            return Optional.empty();
        }
        Integer id = boxOfNode.get(node.index());
        return id == null ? Optional.empty() : Optional.of(boxes.get(id));
    }

    public Optional<Box> boxOfNodeIndex(int nodeIndex) {
        Integer id = boxOfNode.get(nodeIndex);
        return id == null ? Optional.empty() : Optional.of(boxes.get(id));
    }

    private int firstLayer(double y0) {
        double pitch = layout.spacing().nodeHeight() + layout.spacing().layerGap();
        return Math.max(0, (int) Math.floor((y0 - layout.spacing().margin()) / pitch));
    }

    private int lastLayer(double y1) {
        double pitch = layout.spacing().nodeHeight() + layout.spacing().layerGap();
        return Math.min(rows.length - 1, (int) Math.floor((y1 - layout.spacing().margin()) / pitch));
    }

    /** Calls {@code visit} with every box that intersects the rectangle. */
    public void visibleBoxes(double x0, double y0, double x1, double y1, IntConsumer visit) {
        for (int l = firstLayer(y0); l <= lastLayer(y1); l++) {
            int[] row = rows[l];
            int i = firstRight(row, x0);
            for (; i < row.length; i++) {
                Box b = boxes.get(row[i]);
                if (b.left() > x1) {
                    break;
                }
                visit.accept(row[i]);
            }
        }
    }

    /** Index of the first box of a row whose right side reaches {@code x0}. */
    private int firstRight(int[] row, double x0) {
        int lo = 0;
        int hi = row.length;
        double pad = NODE_WIDTH;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (boxes.get(row[mid]).x() + pad < x0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Calls {@code visit} with every edge that has a piece in the rectangle's layers and x range. */
    public void visibleEdges(double x0, double y0, double x1, double y1, IntConsumer visit) {
        int first = Math.max(0, firstLayer(y0) - 1);
        int last = lastLayer(y1);
        Set<Integer> done = new HashSet<>();
        for (int l = first; l <= last; l++) {
            for (int e : gapEdges[l]) {
                if (intersectsX(e, x0, x1) && done.add(e)) {
                    visit.accept(e);
                }
            }
            for (int e : passEdges[l]) {
                if (intersectsX(e, x0, x1) && done.add(e)) {
                    visit.accept(e);
                }
            }
        }
    }

    private boolean intersectsX(int e, double x0, double x1) {
        double[] xs = edges.get(e).xs();
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double x : xs) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        return max >= x0 && min <= x1;
    }

    /** The box at a point, if any. */
    public Optional<Box> boxAt(double x, double y) {
        Box[] hit = new Box[1];
        // down to 10 below the point: a point in the gap above a layer may be on a fold marker of that layer
        visibleBoxes(x, y, x, y + 10, id -> {
            Box b = boxes.get(id);
            if (b.contains(x, y)) {
                hit[0] = b;
            }
        });
        return Optional.ofNullable(hit[0]);
    }

    /** The edge nearest to a point within {@code tolerance}, if any (curves are sampled). */
    public Optional<Edge> edgeAt(double x, double y, double tolerance) {
        double[] best = {tolerance};
        Edge[] hit = new Edge[1];
        visibleEdges(x - tolerance, y - tolerance, x + tolerance, y + tolerance, id -> {
            Edge e = edges.get(id);
            double d = distance(e, x, y);
            if (d <= best[0]) {
                best[0] = d;
                hit[0] = e;
            }
        });
        return Optional.ofNullable(hit[0]);
    }

    /** Distance from a point to an edge's drawn route. */
    public static double distance(Edge e, double x, double y) {
        double[] xs = e.xs();
        double[] ys = e.ys();
        double best = Double.MAX_VALUE;
        for (int i = 0; i + 1 < xs.length; i++) {
            if (i % 2 == 1) {
                best = Math.min(best, segment(x, y, xs[i], ys[i], xs[i + 1], ys[i + 1]));
                continue;
            }
            if (y < Math.min(ys[i], ys[i + 1]) - 20 || y > Math.max(ys[i], ys[i + 1]) + 20) {
                continue;
            }
            double px = xs[i];
            double py = ys[i];
            int steps = 16;
            for (int k = 1; k <= steps; k++) {
                double t = (double) k / steps;
                double qx = bezier(xs[i], xs[i], xs[i + 1], xs[i + 1], t);
                double qy = bezier(ys[i], (ys[i] + ys[i + 1]) / 2, (ys[i] + ys[i + 1]) / 2, ys[i + 1], t);
                best = Math.min(best, segment(x, y, px, py, qx, qy));
                px = qx;
                py = qy;
            }
        }
        return best;
    }

    private static double bezier(double a, double b, double c, double d, double t) {
        double u = 1 - t;
        return u * u * u * a + 3 * u * u * t * b + 3 * u * t * t * c + t * t * t * d;
    }

    private static double segment(double x, double y, double ax, double ay, double bx, double by) {
        double dx = bx - ax;
        double dy = by - ay;
        double len = dx * dx + dy * dy;
        double t = len == 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len));
        double cx = ax + t * dx - x;
        double cy = ay + t * dy - y;
        return Math.sqrt(cx * cx + cy * cy);
    }

    /** Boxes whose name or op contains {@code query} (case-insensitive), in reading order (layer, then x). */
    public List<Box> search(String query) {
        if (query == null || query.isBlank()) {
            return List.of();
        }
        String q = query.strip().toLowerCase(Locale.ROOT);
        List<Box> out = new ArrayList<>();
        for (int[] row : rows) {
            for (int id : row) {
                Box b = boxes.get(id);
                if (b.name().toLowerCase(Locale.ROOT).contains(q) || b.op().toLowerCase(Locale.ROOT).contains(q)) {
                    out.add(b);
                }
            }
        }
        return out;
    }
}
