package io.prunescope.graphview;

import io.prunescope.model.DataType;
import io.prunescope.model.Graph;
import io.prunescope.model.Node;
import io.prunescope.model.TensorType;
import io.prunescope.model.ValueInfo;
import io.prunescope.task.CancellationToken;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which nodes the network view leaves out, and where they went. No JavaFX; computed once per model, off the FX
 * thread. Three kinds of node are folded:
 * <ul>
 *   <li>{@link Reason#CONSTANT}: Constant nodes (and Identity of a constant): never drawn, shown in the
 *       consumer's details, as Netron does;</li>
 *   <li>{@link Reason#SHAPE}: nodes whose outputs do not depend on any tensor's <em>values</em> — Shape and Size
 *       read only the metadata of their input, and every node all of whose inputs are constants or such values
 *       (Gather/Unsqueeze/Concat of shapes, ConstantOfShape, Range, Expand of a constant ...). This is exactly the
 *       shape arithmetic exporters leave in a graph when constant folding is off or axes are dynamic; it is folded
 *       into the first drawn node it feeds (its <em>host</em>), which carries a marker to expand it;</li>
 *   <li>{@link Reason#PASS_THROUGH}: Identity and Casts to the type the tensor already has; edges run through
 *       them.</li>
 * </ul>
 * A node that writes a graph output is never folded, nor is a node of a non-standard domain or one with
 * subgraphs (If, Loop, Scan), whose behaviour the view cannot judge.
 */
public final class GraphFold {

    /** Why a node is not drawn. */
    public enum Reason { CONSTANT, SHAPE, PASS_THROUGH }

    private static final Set<String> CONTROL_FLOW = Set.of("If", "Loop", "Scan", "SequenceMap");
    private static final Set<String> METADATA_ONLY = Set.of("Shape", "Size");
    /** Ops whose output has the element type of their first input, for deciding whether a Cast is a no-op. */
    private static final Set<String> TYPE_PRESERVING = Set.of("Conv", "ConvTranspose", "Gemm", "MatMul", "Relu",
            "Sigmoid", "Tanh", "Add", "Sub", "Mul", "Div", "BatchNormalization", "MaxPool", "AveragePool",
            "GlobalAveragePool", "Softmax", "Reshape", "Transpose", "Flatten", "Concat", "Resize", "LeakyRelu",
            "HardSigmoid", "HardSwish", "Clip", "Pow", "Identity", "Squeeze", "Unsqueeze", "Slice", "Split");

    private final Map<Integer, Reason> folded;
    private final Map<Integer, Integer> host;
    private final Map<Integer, List<Integer>> hosted;

    private GraphFold(Map<Integer, Reason> folded, Map<Integer, Integer> host, Map<Integer, List<Integer>> hosted) {
        this.folded = Collections.unmodifiableMap(folded);
        this.host = Collections.unmodifiableMap(host);
        this.hosted = Collections.unmodifiableMap(hosted);
    }

    /** Nothing folded (the "show everything" view). */
    public static GraphFold none() {
        return new GraphFold(Map.of(), Map.of(), Map.of());
    }

    /** Decides the fold of a graph; linear in its size. */
    public static GraphFold of(Graph g, CancellationToken cancel) {
        Set<String> valueFree = new HashSet<>(g.constants().keySet());
        Map<Integer, Reason> folded = new HashMap<>();
        for (Node n : g.nodes()) {
            if (!n.isStandardDomain() || CONTROL_FLOW.contains(n.opType())
                    || n.outputs().stream().anyMatch(g::isGraphOutput)) {
                continue;
            }
            Reason r = reason(g, n, valueFree);
            if (r == null) {
                continue;
            }
            folded.put(n.index(), r);
            if (r != Reason.PASS_THROUGH) {
                n.outputs().stream().filter(t -> !t.isEmpty()).forEach(valueFree::add);
            }
        }
        cancel.throwIfCancelled();
        // hosts: the first drawn node each folded value reaches, found in reverse topological order
        Map<Integer, Integer> host = new HashMap<>();
        Map<Integer, List<Integer>> hosted = new HashMap<>();
        List<Node> nodes = g.nodes();
        Map<Integer, Integer> position = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            position.put(nodes.get(i).index(), i);
        }
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node n = nodes.get(i);
            Reason r = folded.get(n.index());
            if (r == null) {
                continue;
            }
            int h = hostOf(g, n, folded, host, position);
            host.put(n.index(), h);
            if (h >= 0 && r == Reason.SHAPE) {
                hosted.computeIfAbsent(h, k -> new ArrayList<>()).add(0, n.index());
            }
        }
        return new GraphFold(folded, host, hosted);
    }

    private static Reason reason(Graph g, Node n, Set<String> valueFree) {
        String op = n.opType();
        if (op.equals("Constant")) {
            return Reason.CONSTANT;
        }
        if (METADATA_ONLY.contains(op)) {
            return Reason.SHAPE;
        }
        List<String> ins = n.inputs().stream().filter(t -> !t.isEmpty()).toList();
        if (!ins.isEmpty() && valueFree.containsAll(ins)) {
            boolean ofConstants = ins.stream().allMatch(g::isConstant);
            return op.equals("Identity") && ofConstants ? Reason.CONSTANT : Reason.SHAPE;
        }
        if (op.equals("Identity") || op.equals("Dropout") && n.outputs().size() == 1) {
            return Reason.PASS_THROUGH;
        }
        if (op.equals("Cast") && isNoOpCast(g, n)) {
            return Reason.PASS_THROUGH;
        }
        return null;
    }

    private static boolean isNoOpCast(Graph g, Node cast) {
        long to = cast.intAttr("to", -1);
        Optional<DataType> from = elementType(g, cast.input(0), 0);
        return from.isPresent() && from.get().code() == to;
    }

    /** The element type of a tensor when the file says it or a producer implies it. */
    static Optional<DataType> elementType(Graph g, String tensor, int depth) {
        if (g.isConstant(tensor)) {
            return Optional.of(g.constant(tensor).get().type());
        }
        ValueInfo vi = g.valueInfos().get(tensor);
        if (vi == null) {
            vi = g.input(tensor).orElse(null);
        }
        if (vi != null && vi.type() != null) {
            TensorType t = vi.type();
            if (t.elementType() != null && t.elementType() != DataType.UNDEFINED) {
                return Optional.of(t.elementType());
            }
        }
        Optional<Node> p = g.producer(tensor);
        if (p.isEmpty() || depth > 32) {
            return Optional.empty();
        }
        Node n = p.get();
        if (n.opType().equals("Cast")) {
            return Optional.of(DataType.fromCode((int) n.intAttr("to", 0)));
        }
        return TYPE_PRESERVING.contains(n.opType()) ? elementType(g, n.input(0), depth + 1) : Optional.empty();
    }

    private static int hostOf(Graph g, Node n, Map<Integer, Reason> folded, Map<Integer, Integer> host,
                              Map<Integer, Integer> position) {
        int best = -1;
        for (String t : n.outputs()) {
            for (Node c : g.consumers(t)) {
                Reason r = folded.get(c.index());
                int h = r == null ? c.index() : host.getOrDefault(c.index(), -1);
                if (h >= 0 && (best < 0 || position.get(h) < position.get(best))) {
                    best = h;
                }
            }
        }
        return best;
    }

    public boolean isFolded(int nodeIndex) {
        return folded.containsKey(nodeIndex);
    }

    public Optional<Reason> reason(int nodeIndex) {
        return Optional.ofNullable(folded.get(nodeIndex));
    }

    /** The drawn node a folded node feeds first (through other folded nodes); -1 when it feeds none. */
    public int host(int nodeIndex) {
        return host.getOrDefault(nodeIndex, -1);
    }

    /** The shape-arithmetic nodes folded into a drawn node (file order); empty for most nodes. */
    public List<Integer> foldedInto(int hostIndex) {
        return hosted.getOrDefault(hostIndex, List.of());
    }

    /** Nodes that carry a fold marker. */
    public Set<Integer> hosts() {
        return hosted.keySet();
    }

    public int foldedCount() {
        return folded.size();
    }

    public int count(Reason r) {
        return (int) folded.values().stream().filter(x -> x == r).count();
    }
}
