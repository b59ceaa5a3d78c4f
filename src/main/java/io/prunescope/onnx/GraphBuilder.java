package io.prunescope.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.prunescope.model.Attribute;
import io.prunescope.model.DataType;
import io.prunescope.model.Dim;
import io.prunescope.model.Graph;
import io.prunescope.model.Node;
import io.prunescope.model.Shape;
import io.prunescope.model.Tensor;
import io.prunescope.model.TensorType;
import io.prunescope.model.ValueInfo;
import io.prunescope.model.WeightSource;
import io.prunescope.onnx.ModelLoadException.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the immutable graph and checks its structure. */
final class GraphBuilder {
    private final GraphProto g;
    private final TensorDecoder decoder;
    private final ReadLimits limits;

    GraphBuilder(GraphProto g, TensorDecoder decoder, ReadLimits limits) {
        this.g = g;
        this.decoder = decoder;
        this.limits = limits;
    }

    Graph build() throws ModelLoadException {
        if (g.getSparseInitializerCount() > 0) {
            throw new ModelLoadException(Problem.UNSUPPORTED, "the model has sparse initializers, which"
                    + " PruneScope does not read yet");
        }
        Map<String, Tensor> constants = new LinkedHashMap<>();
        Map<String, WeightSource> sources = new HashMap<>();
        for (TensorProto t : g.getInitializerList()) {
            if (constants.containsKey(t.getName())) {
                // onnx's checker rejects this, and which of the two a runtime uses is anyone's guess.
                throw new ModelLoadException(Problem.DUPLICATE_OUTPUT, "the model has two initializers named '"
                        + t.getName() + "'; each tensor name must be unique");
            }
            constants.put(t.getName(), decoder.decode(t, t.getName()));
            sources.put(t.getName(), WeightSource.INITIALIZER);
        }
        List<ValueInfo> inputs = new ArrayList<>();
        for (ValueInfoProto v : g.getInputList()) {
            if (!constants.containsKey(v.getName())) {
                inputs.add(valueInfo(v));
            }
        }
        List<ValueInfo> outputs = new ArrayList<>();
        for (ValueInfoProto v : g.getOutputList()) {
            outputs.add(valueInfo(v));
        }
        Map<String, ValueInfo> valueInfos = new LinkedHashMap<>();
        for (ValueInfoProto v : g.getValueInfoList()) {
            valueInfos.put(v.getName(), valueInfo(v));
        }
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < g.getNodeCount(); i++) {
            NodeProto np = g.getNode(i);
            Node node = node(i, np);
            nodes.add(node);
            if (isConstantNode(node)) {
                Tensor value = constantValue(np, node);
                if (value != null) {
                    constants.put(node.output(0), value);
                    sources.put(node.output(0), WeightSource.CONSTANT_NODE);
                }
            }
        }
        List<Node> sorted = topologicalOrder(nodes, inputs, constants.keySet());
        Set<String> produced = new HashSet<>(constants.keySet());
        inputs.forEach(v -> produced.add(v.name()));
        nodes.forEach(n -> produced.addAll(n.outputs()));
        for (ValueInfo out : outputs) {
            if (!produced.contains(out.name())) {
                throw new ModelLoadException(Problem.DANGLING_INPUT, "graph output '" + out.name()
                        + "' is not produced by any node, graph input or initializer");
            }
        }
        return new Graph(g.getName(), sorted, inputs, outputs, valueInfos, constants, sources);
    }

    private static boolean isConstantNode(Node n) {
        return n.opType().equals("Constant") && n.isStandardDomain() && n.outputs().size() == 1;
    }

    private Tensor constantValue(NodeProto np, Node node) throws ModelLoadException {
        String out = node.output(0);
        for (AttributeProto a : np.getAttributeList()) {
            switch (a.getName()) {
                case "value":
                    return decoder.decode(a.getT(), out).renamed(out);
                case "value_float":
                    return Tensor.ofFloats(out, new long[0], new float[]{a.getF()}, DataType.FLOAT);
                case "value_floats": {
                    float[] v = new float[a.getFloatsCount()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = a.getFloats(i);
                    }
                    return Tensor.ofFloats(out, new long[]{v.length}, v, DataType.FLOAT);
                }
                case "value_int":
                    return Tensor.ofLongs(out, new long[0], new long[]{a.getI()});
                case "value_ints": {
                    long[] v = new long[a.getIntsCount()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = a.getInts(i);
                    }
                    return Tensor.ofLongs(out, new long[]{v.length}, v);
                }
                default:
                    break;
            }
        }
        return null;
    }

    private Node node(int index, NodeProto np) throws ModelLoadException {
        if (np.getOpType().isBlank()) {
            throw new ModelLoadException(Problem.NOT_ONNX, "node #" + index + (np.getName().isEmpty() ? ""
                    : " '" + np.getName() + "'") + " has an empty operator type");
        }
        Map<String, Attribute> attrs = new LinkedHashMap<>();
        for (AttributeProto a : np.getAttributeList()) {
            attrs.put(a.getName(), attribute(a, np));
        }
        return new Node(index, np.getName(), np.getOpType(), np.getDomain(), np.getInputList(),
                np.getOutputList(), attrs);
    }

    private Attribute attribute(AttributeProto a, NodeProto owner) throws ModelLoadException {
        return switch (typeOf(a)) {
            case INT -> new Attribute.IntValue(a.getI());
            case FLOAT -> new Attribute.FloatValue(a.getF());
            case STRING -> new Attribute.StringValue(a.getS().toStringUtf8());
            case INTS -> new Attribute.IntList(a.getIntsList());
            case FLOATS -> new Attribute.FloatList(a.getFloatsList());
            case STRINGS -> new Attribute.StringList(a.getStringsList().stream()
                    .map(com.google.protobuf.ByteString::toStringUtf8).toList());
            case TENSOR -> new Attribute.TensorValue(decoder.decode(a.getT(),
                    owner.getName() + "." + a.getName()));
            case GRAPH -> new Attribute.Subgraph(a.getG().getNodeCount(), outerNames(a.getG()));
            case GRAPHS -> new Attribute.Subgraph(a.getGraphsCount(), a.getGraphsList().stream()
                    .flatMap(sub -> outerNames(sub).stream()).collect(java.util.stream.Collectors.toSet()));
            default -> new Attribute.Opaque(a.getType().name());
        };
    }

    /**
     * Names a subgraph (and the subgraphs nested in it) reads without defining them: its outer-scope inputs.
     * Whatever the subgraph defines itself (inputs, initializers, node outputs) is local.
     */
    private static Set<String> outerNames(GraphProto sub) {
        Set<String> local = new HashSet<>();
        sub.getInputList().forEach(v -> local.add(v.getName()));
        sub.getInitializerList().forEach(t -> local.add(t.getName()));
        sub.getNodeList().forEach(n -> local.addAll(n.getOutputList()));
        Set<String> outer = new java.util.TreeSet<>();
        for (NodeProto n : sub.getNodeList()) {
            for (String in : n.getInputList()) {
                if (!in.isEmpty() && !local.contains(in)) {
                    outer.add(in);
                }
            }
            for (AttributeProto a : n.getAttributeList()) {
                List<GraphProto> nested = new ArrayList<>(a.getGraphsList());
                if (a.hasG()) {
                    nested.add(a.getG());
                }
                for (GraphProto g2 : nested) {
                    outerNames(g2).stream().filter(x -> !local.contains(x)).forEach(outer::add);
                }
            }
        }
        sub.getOutputList().stream().map(v -> v.getName()).filter(x -> !local.contains(x)).forEach(outer::add);
        return outer;
    }

    /** The declared type, or (for files from old exporters that left it out) the one field that is set. */
    private static AttributeProto.AttributeType typeOf(AttributeProto a) {
        if (a.getType() != AttributeProto.AttributeType.UNDEFINED) {
            return a.getType();
        }
        if (a.hasF()) {
            return AttributeProto.AttributeType.FLOAT;
        } else if (a.hasI()) {
            return AttributeProto.AttributeType.INT;
        } else if (a.hasS()) {
            return AttributeProto.AttributeType.STRING;
        } else if (a.hasT()) {
            return AttributeProto.AttributeType.TENSOR;
        } else if (a.hasG()) {
            return AttributeProto.AttributeType.GRAPH;
        } else if (a.getFloatsCount() > 0) {
            return AttributeProto.AttributeType.FLOATS;
        } else if (a.getIntsCount() > 0) {
            return AttributeProto.AttributeType.INTS;
        } else if (a.getStringsCount() > 0) {
            return AttributeProto.AttributeType.STRINGS;
        }
        return AttributeProto.AttributeType.UNDEFINED;
    }

    private ValueInfo valueInfo(ValueInfoProto v) throws ModelLoadException {
        TypeProto type = v.getType();
        if (!type.hasTensorType()) {
            return new ValueInfo(v.getName(), null);
        }
        TypeProto.Tensor tt = type.getTensorType();
        Shape shape = null;
        if (tt.hasShape()) {
            List<Dim> dims = new ArrayList<>();
            for (TensorShapeProto.Dimension d : tt.getShape().getDimList()) {
                if (d.hasDimValue()) {
                    if (d.getDimValue() < 0) {
                        throw new ModelLoadException(Problem.BAD_TENSOR, "value '" + v.getName()
                                + "' declares a negative dimension " + d.getDimValue());
                    }
                    dims.add(Dim.of(d.getDimValue()));
                } else if (d.hasDimParam()) {
                    dims.add(Dim.symbolic(d.getDimParam()));
                } else {
                    dims.add(Dim.UNKNOWN);
                }
            }
            shape = new Shape(dims);
            long numel = shape.numel();
            if (numel > limits.maxTensorElements()) {
                throw new ModelLoadException(Problem.TOO_LARGE, "value '" + v.getName() + "' declares shape "
                        + shape + " = " + numel + " elements, more than the " + limits.maxTensorElements()
                        + " PruneScope accepts for one tensor");
            }
        }
        return new ValueInfo(v.getName(), new TensorType(DataType.fromCode(tt.getElemType()), shape));
    }

    /** Kahn's algorithm; also reports inputs that nothing produces, duplicate writers and cycles. */
    private static List<Node> topologicalOrder(List<Node> nodes, List<ValueInfo> inputs, Set<String> constants)
            throws ModelLoadException {
        Map<String, Node> producer = new HashMap<>();
        for (Node n : nodes) {
            for (String out : n.outputs()) {
                if (out.isEmpty()) {
                    continue;
                }
                Node previous = producer.put(out, n);
                if (previous != null) {
                    throw new ModelLoadException(Problem.DUPLICATE_OUTPUT, "tensor '" + out + "' is written by"
                            + " two nodes: " + previous.displayName() + " and " + n.displayName());
                }
            }
        }
        Set<String> available = new HashSet<>(constants);
        inputs.forEach(v -> available.add(v.name()));
        // Counted by position in the list, not in a map keyed by Node: a record's hashCode hashes every field
        // (inputs, outputs, attributes), and it ran once per edge (issue 13).
        int[] pending = new int[nodes.size()];
        Map<String, List<Integer>> readers = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            List<String> ins = n.inputs();
            for (int k = 0; k < ins.size(); k++) {
                String in = ins.get(k);
                if (in.isEmpty() || available.contains(in) || ins.subList(0, k).contains(in)) {
                    continue; // a tensor read twice by one node is waited for once
                }
                if (!producer.containsKey(in)) {
                    throw new ModelLoadException(Problem.DANGLING_INPUT, "node '" + n.displayName() + "' ("
                            + n.opType() + ") reads tensor '" + in + "', which no node, graph input or"
                            + " initializer provides");
                }
                readers.computeIfAbsent(in, x -> new ArrayList<>()).add(i);
                pending[i]++;
            }
        }
        java.util.ArrayDeque<Integer> ready = new java.util.ArrayDeque<>();
        for (int i = 0; i < pending.length; i++) {
            if (pending[i] == 0) {
                ready.add(i);
            }
        }
        List<Node> order = new ArrayList<>(nodes.size());
        while (!ready.isEmpty()) {
            Node n = nodes.get(ready.poll());
            order.add(n);
            for (String out : n.outputs()) {
                for (int r : readers.getOrDefault(out, List.of())) {
                    if (--pending[r] == 0) {
                        ready.add(r);
                    }
                }
            }
        }
        if (order.size() != nodes.size()) {
            List<String> stuck = new ArrayList<>();
            for (int i = 0; i < pending.length && stuck.size() < 5; i++) {
                if (pending[i] > 0) {
                    stuck.add(nodes.get(i).displayName());
                }
            }
            throw new ModelLoadException(Problem.CYCLE, "the graph has a cycle: these nodes wait on each"
                    + " other's outputs: " + String.join(", ", stuck));
        }
        return order;
    }
}
