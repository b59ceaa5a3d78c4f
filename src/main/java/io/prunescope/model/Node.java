package io.prunescope.model;

import java.util.List;
import java.util.Map;

/**
 * One operator of the graph. {@code index} is the node's position in the file, which identifies it for edits
 * even when the exporter left its name empty.
 */
public record Node(int index, String name, String opType, String domain, List<String> inputs, List<String> outputs,
                   Map<String, Attribute> attributes) {

    public Node {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
    }

    /** The node's name, or a stable stand-in such as {@code Conv_12} when the file has none. */
    public String displayName() {
        return name == null || name.isEmpty() ? opType + "_" + index : name;
    }

    /** Input {@code i}, or "" when the node has fewer inputs (ONNX also uses "" for an omitted optional input). */
    public String input(int i) {
        return i < inputs.size() ? inputs.get(i) : "";
    }

    public String output(int i) {
        return i < outputs.size() ? outputs.get(i) : "";
    }

    public boolean isStandardDomain() {
        return domain == null || domain.isEmpty() || domain.equals("ai.onnx");
    }

    public long intAttr(String key, long fallback) {
        return attributes.get(key) instanceof Attribute.IntValue v ? v.value() : fallback;
    }

    public float floatAttr(String key, float fallback) {
        return attributes.get(key) instanceof Attribute.FloatValue v ? v.value() : fallback;
    }

    public String stringAttr(String key, String fallback) {
        return attributes.get(key) instanceof Attribute.StringValue v ? v.value() : fallback;
    }

    /** An ints attribute, or null when absent. */
    public long[] intsAttr(String key) {
        return attributes.get(key) instanceof Attribute.IntList v ? v.toArray() : null;
    }

    @Override
    public String toString() {
        return displayName() + "(" + opType + ")";
    }
}
