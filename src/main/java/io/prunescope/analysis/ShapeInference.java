package io.prunescope.analysis;

import io.prunescope.model.DataType;
import io.prunescope.model.Graph;
import io.prunescope.model.Model;
import io.prunescope.model.Node;
import io.prunescope.model.Tensor;
import io.prunescope.model.ValueInfo;
import io.prunescope.ops.InconsistentNodeException;
import io.prunescope.ops.OpRegistry;
import io.prunescope.ops.OpRule;
import io.prunescope.ops.ShapeContext;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Static shape inference over the main graph, in topological order, for concrete input shapes.
 * <p>
 * Every tensor gets a concrete shape ({@code long[]}) and, when it is small and computable, a value: shape
 * arithmetic as exporters write it ({@code Shape → Gather → Unsqueeze → Concat → Reshape}) is evaluated on
 * the way (constant propagation of tensors up to {@link #MAX_VALUE_ELEMENTS} elements), so Reshape, Resize,
 * Expand, Slice... see their targets. An op it does not know, or a shape that depends on data, leaves the
 * outputs unknown and inference moves on; all unknown tensors are then asked of the {@link ShapeFallback}
 * in a single call, and a second static pass completes what follows from the answers.
 * <p>
 * Inconsistent models (a Conv whose input channels do not match its weight, operands that do not broadcast,
 * a Reshape to a different element count) raise {@link ShapeInferenceException} naming the node.
 */
public final class ShapeInference {

    /** Tensors up to this many elements have their values propagated (shape arithmetic, small constants). */
    public static final int MAX_VALUE_ELEMENTS = ShapeContext.MAX_VALUE_ELEMENTS;

    /**
     * What inference found.
     *
     * @param shapes         concrete shape of every tensor it could work out (inputs, constants, node outputs)
     * @param types          element type of every tensor it could work out
     * @param fromFallback   tensors whose shapes came from the fallback (not from static inference)
     * @param unresolved     node outputs still without a shape after the fallback
     * @param unsupportedOps op types static inference does not know, with how many nodes use them (nodes whose
     *                       inputs never became known are not examined, so are not counted)
     * @param notes          other remarks (for example, why the fallback failed)
     * @param values         values of the small computed tensors (shape arithmetic) at the bound input shapes
     */
    public record Result(Map<String, long[]> shapes, Map<String, DataType> types, Set<String> fromFallback,
                         List<String> unresolved, Map<String, Integer> unsupportedOps, List<String> notes,
                         Map<String, double[]> values) {

        public Result {
            shapes = Collections.unmodifiableMap(shapes);
            types = Collections.unmodifiableMap(types);
            fromFallback = Collections.unmodifiableSet(fromFallback);
            unresolved = List.copyOf(unresolved);
            unsupportedOps = Collections.unmodifiableMap(unsupportedOps);
            notes = List.copyOf(notes);
            values = Collections.unmodifiableMap(values);
        }

        public long[] shape(String tensor) {
            return shapes.get(tensor);
        }

        /** True when every node output has a concrete shape. */
        public boolean isComplete() {
            return unresolved.isEmpty();
        }
    }

    private final Model model;
    private final Graph graph;
    private final long opset;
    private final Map<String, long[]> shapes = new LinkedHashMap<>();
    private final Map<String, DataType> types = new HashMap<>();
    private final Map<String, double[]> values = new HashMap<>();
    private final Set<String> noValue = new java.util.HashSet<>();
    private final Map<String, Integer> unsupported = new TreeMap<>();
    private final Set<Integer> unsupportedNodes = new java.util.HashSet<>();
    private final List<String> notes = new ArrayList<>();

    private ShapeInference(Model model) {
        this.model = model;
        this.graph = model.graph();
        this.opset = model.opset() > 0 ? model.opset() : 13;
    }

    /** Static inference only (no fallback). */
    public static Result infer(Model model, Map<String, long[]> inputShapes) {
        return infer(model, inputShapes, ShapeFallback.NONE, CancellationToken.NEVER, Progress.NONE);
    }

    /**
     * @param inputShapes concrete shape of every graph input (see {@code InputBindings.resolve})
     * @param fallback    asked once for whatever static inference could not work out; may be {@code NONE}
     */
    public static Result infer(Model model, Map<String, long[]> inputShapes, ShapeFallback fallback,
                               CancellationToken cancel, Progress progress) {
        return new ShapeInference(model).run(inputShapes, fallback == null ? ShapeFallback.NONE : fallback,
                cancel == null ? CancellationToken.NEVER : cancel, progress == null ? Progress.NONE : progress);
    }

    private Result run(Map<String, long[]> inputShapes, ShapeFallback fallback, CancellationToken cancel,
                       Progress progress) {
        for (Map.Entry<String, Tensor> c : graph.constants().entrySet()) {
            shapes.put(c.getKey(), c.getValue().dims());
            types.put(c.getKey(), c.getValue().type());
        }
        for (ValueInfo in : graph.inputs()) {
            long[] s = inputShapes.get(in.name());
            if (s != null) {
                shapes.put(in.name(), s.clone());
            }
            types.put(in.name(), in.type() == null ? DataType.FLOAT : in.type().elementType());
        }
        List<Node> nodes = graph.nodes();
        int total = nodes.size();
        for (int i = 0; i < total; i++) {
            if ((i & 63) == 0) {
                cancel.throwIfCancelled();
                progress.report(i, total, "inferring shapes");
            }
            inferNode(nodes.get(i));
        }
        Set<String> missing = missingOutputs();
        Set<String> fromFallback = new LinkedHashSet<>();
        if (!missing.isEmpty() && fallback != ShapeFallback.NONE) {
            cancel.throwIfCancelled();
            progress.report(total, total, "asking the runtime for " + missing.size() + " shapes");
            try {
                Map<String, long[]> got = fallback.probe(inputShapes, List.copyOf(missing));
                for (Map.Entry<String, long[]> e : got.entrySet()) {
                    if (missing.contains(e.getKey()) && e.getValue() != null) {
                        shapes.put(e.getKey(), e.getValue().clone());
                        fromFallback.add(e.getKey());
                    }
                }
            } catch (Exception e) {
                notes.add("the shape fallback failed: " + e.getMessage());
            }
            for (Node n : nodes) {
                boolean needs = n.outputs().stream().anyMatch(o -> !o.isEmpty() && !shapes.containsKey(o));
                if (needs) {
                    inferNode(n);
                }
            }
            missing = missingOutputs();
        }
        progress.report(total, total, "shapes inferred");
        return new Result(shapes, types, fromFallback, List.copyOf(missing), unsupported, notes, values);
    }

    private Set<String> missingOutputs() {
        Set<String> missing = new LinkedHashSet<>();
        for (Node n : graph.nodes()) {
            for (String o : n.outputs()) {
                if (!o.isEmpty() && !shapes.containsKey(o)) {
                    missing.add(o);
                }
            }
        }
        return missing;
    }

    private void inferNode(Node n) {
        if (n.opType().equals("Constant") && n.isStandardDomain()) {
            String out = n.output(0);
            if (graph.isConstant(out)) {
                return; // shape and type already set from the graph's constants
            }
        }
        for (String in : n.inputs()) {
            if (!in.isEmpty() && !shapes.containsKey(in)) {
                return; // an input is unknown: so are the outputs
            }
        }
        Optional<OpRule> rule = OpRegistry.rule(n);
        boolean known;
        try {
            known = rule.isPresent()
                    && rule.get().shapes(new ShapeContext(n, graph, opset, shapes, types, values, noValue));
        } catch (InconsistentNodeException e) {
            throw new ShapeInferenceException(n, e.getMessage());
        }
        if (!known && unsupportedNodes.add(n.index())) {
            unsupported.merge(n.isStandardDomain() ? n.opType() : n.domain() + "." + n.opType(), 1, Integer::sum);
        }
    }
}
