package io.prunescope.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The main graph of a model, immutable. Nodes are in a topological order (the reader sorts them if the file did
 * not); constants merge initializers and Constant-node values, so weights are found wherever the exporter put them.
 */
public final class Graph {

    private final String name;
    private final List<Node> nodes;
    private final List<ValueInfo> inputs;
    private final List<ValueInfo> outputs;
    private final Map<String, ValueInfo> valueInfos;
    private final Map<String, Tensor> constants;
    private final Map<String, WeightSource> constantSources;
    private final Map<String, Node> producers = new HashMap<>();
    private final Map<String, List<Node>> consumers = new HashMap<>();
    private final Map<Integer, Node> byIndex = new HashMap<>();

    public Graph(String name, List<Node> nodes, List<ValueInfo> inputs, List<ValueInfo> outputs,
                 Map<String, ValueInfo> valueInfos, Map<String, Tensor> constants,
                 Map<String, WeightSource> constantSources) {
        this.name = name;
        this.nodes = List.copyOf(nodes);
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.valueInfos = Collections.unmodifiableMap(new LinkedHashMap<>(valueInfos));
        this.constants = Collections.unmodifiableMap(new LinkedHashMap<>(constants));
        this.constantSources = Collections.unmodifiableMap(new LinkedHashMap<>(constantSources));
        for (Node n : this.nodes) {
            byIndex.put(n.index(), n);
            for (String out : n.outputs()) {
                if (!out.isEmpty()) {
                    producers.put(out, n);
                }
            }
            for (String in : n.inputs()) {
                if (!in.isEmpty()) {
                    consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
                }
            }
        }
    }

    public String name() {
        return name;
    }

    /** Nodes in topological order. */
    public List<Node> nodes() {
        return nodes;
    }

    /** The graph's real inputs (initializers that are also listed as inputs are left out). */
    public List<ValueInfo> inputs() {
        return inputs;
    }

    public List<ValueInfo> outputs() {
        return outputs;
    }

    public Map<String, ValueInfo> valueInfos() {
        return valueInfos;
    }

    /** Every constant tensor by name: initializers and the outputs of Constant nodes. */
    public Map<String, Tensor> constants() {
        return constants;
    }

    public Optional<Tensor> constant(String tensorName) {
        return Optional.ofNullable(constants.get(tensorName));
    }

    public boolean isConstant(String tensorName) {
        return constants.containsKey(tensorName);
    }

    public WeightSource constantSource(String tensorName) {
        return constantSources.get(tensorName);
    }

    /** The node that writes this tensor, if a node does (not for graph inputs and initializers). */
    public Optional<Node> producer(String tensorName) {
        return Optional.ofNullable(producers.get(tensorName));
    }

    /** Nodes that read this tensor, in topological order. */
    public List<Node> consumers(String tensorName) {
        return consumers.getOrDefault(tensorName, List.of());
    }

    public Node node(int index) {
        Node n = byIndex.get(index);
        if (n == null) {
            throw new IllegalArgumentException("no node with index " + index);
        }
        return n;
    }

    public boolean isGraphOutput(String tensorName) {
        return outputs.stream().anyMatch(v -> v.name().equals(tensorName));
    }

    public Optional<ValueInfo> input(String inputName) {
        return inputs.stream().filter(v -> v.name().equals(inputName)).findFirst();
    }

    /** Finds a node by its display name. */
    public Optional<Node> findNode(String displayName) {
        return nodes.stream().filter(n -> n.displayName().equals(displayName)).findFirst();
    }
}
