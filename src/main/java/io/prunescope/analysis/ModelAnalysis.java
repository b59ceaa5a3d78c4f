package io.prunescope.analysis;

import io.prunescope.model.Model;
import io.prunescope.model.Node;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What PruneScope knows about a model once its input dimensions are bound: a concrete shape for every tensor it
 * could infer, the cost of every node, and the prunable layers. Immutable.
 */
public final class ModelAnalysis {

    private final Model model;
    private final Map<String, long[]> inputShapes;
    private final Map<String, long[]> shapes;
    private final List<NodeCost> costs;
    private final List<PrunableLayer> layers;
    private final Map<Integer, NodeCost> costByNode = new LinkedHashMap<>();
    /** The first layer of each name (a lookup per row or box would otherwise scan the list: quadratic). */
    private final Map<String, PrunableLayer> layerByName = new java.util.HashMap<>();
    private final long totalParams;
    private final long totalMacs;
    private final ShapeInference.Result shapeReport;

    public ModelAnalysis(Model model, Map<String, long[]> inputShapes, Map<String, long[]> shapes,
                         List<NodeCost> costs, List<PrunableLayer> layers) {
        this(model, inputShapes, shapes, costs, layers, null);
    }

    /** @param shapeReport how the shapes were obtained (may be null for analyses built by hand) */
    public ModelAnalysis(Model model, Map<String, long[]> inputShapes, Map<String, long[]> shapes,
                         List<NodeCost> costs, List<PrunableLayer> layers, ShapeInference.Result shapeReport) {
        this.shapeReport = shapeReport;
        this.model = model;
        this.inputShapes = Collections.unmodifiableMap(new LinkedHashMap<>(inputShapes));
        this.shapes = Collections.unmodifiableMap(new LinkedHashMap<>(shapes));
        this.costs = List.copyOf(costs);
        this.layers = List.copyOf(layers);
        this.layers.forEach(l -> layerByName.putIfAbsent(l.name(), l));
        long p = 0;
        long m = 0;
        for (NodeCost c : this.costs) {
            costByNode.put(c.node().index(), c);
            p += c.params();
            m += c.macs();
        }
        this.totalParams = p;
        this.totalMacs = m;
    }

    public Model model() {
        return model;
    }

    /** The concrete input shapes the analysis was made for. */
    public Map<String, long[]> inputShapes() {
        return inputShapes;
    }

    /** Concrete shape of every tensor that could be inferred (inputs, constants, node outputs). */
    public Map<String, long[]> shapes() {
        return shapes;
    }

    public Optional<long[]> shape(String tensorName) {
        long[] s = shapes.get(tensorName);
        return Optional.ofNullable(s == null ? null : s.clone());
    }

    /** One entry per node, in topological order. */
    public List<NodeCost> costs() {
        return costs;
    }

    public NodeCost cost(Node node) {
        return costByNode.get(node.index());
    }

    public List<PrunableLayer> prunableLayers() {
        return layers;
    }

    public Optional<PrunableLayer> layer(String displayName) {
        return Optional.ofNullable(layerByName.get(displayName));
    }

    public long totalParams() {
        return totalParams;
    }

    public long totalMacs() {
        return totalMacs;
    }

    /**
     * How the shapes were obtained: which tensors came from the fallback, which stayed unknown, which ops static
     * inference does not know. Null when the analysis was built without one.
     */
    /**
     * The value of a small integer tensor: a constant, or one shape inference computed (an exporter's
     * {@code Shape → Gather → Div} chain) at the bound input shapes; empty when unknown.
     */
    public Optional<long[]> knownLongs(String tensor) {
        if (tensor == null || tensor.isEmpty()) {
            return Optional.empty();
        }
        io.prunescope.model.Tensor t = model.graph().constants().get(tensor);
        if (t != null) {
            return Optional.of(t.toLongs());
        }
        double[] v = shapeReport == null ? null : shapeReport.values().get(tensor);
        if (v == null) {
            return Optional.empty();
        }
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (long) v[i];
        }
        return Optional.of(out);
    }

    public ShapeInference.Result shapeReport() {
        return shapeReport;
    }

    public long totalFlops() {
        return 2 * totalMacs;
    }
}
