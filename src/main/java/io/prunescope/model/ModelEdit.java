package io.prunescope.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Changes to apply to a model when writing it: the pruning code describes what it changes here and the ONNX
 * writer applies it to the original file's contents, so that everything not named here is kept exactly as it was.
 */
public final class ModelEdit {

    private final Map<String, Tensor> replacedTensors = new LinkedHashMap<>();
    private final Map<Integer, Map<String, Attribute>> attributes = new LinkedHashMap<>();
    private final Set<Integer> removedNodes = new LinkedHashSet<>();
    private final Map<String, String> rewiredInputs = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final List<String> addedOutputs = new ArrayList<>();
    private final Map<String, long[]> fixedInputShapes = new LinkedHashMap<>();
    private final Map<Integer, Tensor> appendedInputs = new LinkedHashMap<>();
    private final Map<Integer, Map<Integer, Tensor>> constantInputs = new LinkedHashMap<>();
    private boolean dropIntermediateShapes;

    /** New value (and possibly new shape) of an initializer or of a Constant node's output. */
    public ModelEdit replaceTensor(Tensor tensor) {
        replacedTensors.put(tensor.name(), tensor);
        return this;
    }

    public ModelEdit setAttribute(int nodeIndex, String attributeName, Attribute value) {
        attributes.computeIfAbsent(nodeIndex, k -> new LinkedHashMap<>()).put(attributeName, value);
        return this;
    }

    public ModelEdit removeNode(int nodeIndex) {
        removedNodes.add(nodeIndex);
        return this;
    }

    /** Every reader of tensor {@code from} (nodes and graph outputs) reads {@code to} instead. */
    public ModelEdit rewire(String from, String to) {
        rewiredInputs.put(from, to);
        return this;
    }

    public ModelEdit putMetadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /** Exposes an intermediate tensor as an extra graph output (shape probing, activation statistics). */
    public ModelEdit addOutput(String tensorName) {
        addedOutputs.add(tensorName);
        return this;
    }

    /**
     * Adds {@code tensor} as a new initializer and appends it to node {@code nodeIndex}'s inputs: the way to give a
     * Conv or Gemm that has none a bias (input 2). The tensor's name must be new to the model.
     */
    public ModelEdit appendInitializerInput(int nodeIndex, Tensor tensor) {
        if (appendedInputs.containsKey(nodeIndex)) {
            throw new IllegalArgumentException("node " + nodeIndex + " already gets an appended input");
        }
        appendedInputs.put(nodeIndex, tensor);
        return this;
    }

    /**
     * Node {@code nodeIndex} reads the new initializer {@code tensor} as its input {@code inputIndex}, instead of
     * what it read before (which stays in the model for its other readers): the way to pin bounds an exporter
     * computes at run time (a Slice's starts from {@code Shape}) to the values a pruned model needs. The tensor's name
     * must be new to the model.
     */
    public ModelEdit setConstantInput(int nodeIndex, int inputIndex, Tensor tensor) {
        constantInputs.computeIfAbsent(nodeIndex, k -> new LinkedHashMap<>()).put(inputIndex, tensor);
        return this;
    }

    /** Node index → input index → the new initializer it reads there. */
    public Map<Integer, Map<Integer, Tensor>> constantInputs() {
        return Collections.unmodifiableMap(constantInputs);
    }

    /** Writes concrete dimensions into a graph input's declared shape. */
    public ModelEdit fixInputShape(String inputName, long[] dims) {
        fixedInputShapes.put(inputName, dims.clone());
        return this;
    }

    /** Drops value_info annotations of intermediate tensors: a structural prune makes them stale. */
    public ModelEdit dropIntermediateShapes() {
        this.dropIntermediateShapes = true;
        return this;
    }

    public Map<String, Tensor> replacedTensors() {
        return Collections.unmodifiableMap(replacedTensors);
    }

    public Map<Integer, Map<String, Attribute>> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    public Set<Integer> removedNodes() {
        return Collections.unmodifiableSet(removedNodes);
    }

    public Map<String, String> rewiredInputs() {
        return Collections.unmodifiableMap(rewiredInputs);
    }

    public Map<String, String> metadata() {
        return Collections.unmodifiableMap(metadata);
    }

    public List<String> addedOutputs() {
        return Collections.unmodifiableList(addedOutputs);
    }

    /** Node index → the initializer appended to its inputs. */
    public Map<Integer, Tensor> appendedInputs() {
        return Collections.unmodifiableMap(appendedInputs);
    }

    public Map<String, long[]> fixedInputShapes() {
        return Collections.unmodifiableMap(fixedInputShapes);
    }

    public boolean dropsIntermediateShapes() {
        return dropIntermediateShapes;
    }

    public boolean isEmpty() {
        return replacedTensors.isEmpty() && attributes.isEmpty() && removedNodes.isEmpty() && rewiredInputs.isEmpty()
                && metadata.isEmpty() && addedOutputs.isEmpty() && appendedInputs.isEmpty() && constantInputs.isEmpty() && fixedInputShapes.isEmpty() && !dropIntermediateShapes;
    }
}
