package io.prunescope.runtime;

import ai.onnxruntime.MapInfo;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.SequenceInfo;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A session's inputs and outputs in PruneScope's terms ({@link TensorSpec}), what becomes of outputs that are not
 * float, and whether given feeds fit the inputs — checked before ONNX Runtime sees them, so the message can say
 * exactly which input is wrong and how. Apart from {@link InferenceSession}, which runs models and owns native
 * memory, because none of this needs a session.
 */
final class SessionSignature {

    private SessionSignature() {
    }

    /** Our description of a session's inputs or outputs, in declaration order. */
    static Map<String, TensorSpec> describe(Map<String, NodeInfo> infos) {
        Map<String, TensorSpec> specs = new LinkedHashMap<>();
        for (NodeInfo node : infos.values()) {
            ValueInfo v = node.getInfo();
            if (v instanceof TensorInfo t) {
                long[] shape = t.getShape().clone();
                String[] names = t.getDimensionNames() == null ? new String[shape.length] : t.getDimensionNames().clone();
                for (int i = 0; i < shape.length; i++) {
                    names[i] = names[i] == null ? "" : names[i];
                    if (shape[i] < 0) {
                        shape[i] = -1;
                    }
                }
                specs.put(node.getName(), new TensorSpec(node.getName(), shape, names, t.type.name(), true));
            } else {
                String kind = v instanceof SequenceInfo ? "SEQUENCE" : v instanceof MapInfo ? "MAP" : "UNKNOWN";
                specs.put(node.getName(), new TensorSpec(node.getName(), new long[0], new String[0], kind, false));
            }
        }
        return Collections.unmodifiableMap(specs);
    }

    /** What happens to an output that is not a float tensor (converted or left out); empty for a float one. */
    static Optional<String> noteOutput(TensorSpec out) {
        String type = out.elementType();
        if (out.isFloat()) {
            return Optional.empty();
        }
        boolean convertible = !type.equals("SEQUENCE") && !type.equals("MAP")
                && canReturn(type);
        if (convertible) {
            return Optional.of("Output '" + out.name() + "' holds " + type + " values; they are returned as float"
                    + (type.startsWith("INT") ? " (exact up to 16,777,216)." : "."));
        }
        return Optional.of("Output '" + out.name() + "' is " + type + ", not a numeric tensor; it is left out of the results.");
    }

    private static boolean canReturn(String type) {
        try {
            return OrtConversions.canReturn(OnnxJavaType.valueOf(type));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Checks names, ranks and fixed dimensions before ONNX Runtime does, to say precisely what is wrong. */
    static void validate(Map<String, FloatTensor> feeds, Map<String, TensorSpec> inputs,
                         Map<String, OnnxJavaType> inputTypes) {
        for (String name : feeds.keySet()) {
            if (!inputs.containsKey(name)) {
                throw new InferenceException("The model has no input named '" + name + "'. Its inputs are: "
                        + inputs.values() + ".");
            }
        }
        for (TensorSpec spec : inputs.values()) {
            FloatTensor t = feeds.get(spec.name());
            if (t == null) {
                throw new InferenceException("The model needs input '" + spec.name() + "' " + spec.shapeText()
                        + " but it was not given.");
            }
            OnnxJavaType type = inputTypes.get(spec.name());
            if (!OrtConversions.canFeed(type)) {
                throw new InferenceException("Input '" + spec.name() + "' is of type " + spec.elementType()
                        + ", which cannot be fed from numbers.");
            }
            if (!spec.shapeKnown()) {
                continue;
            }
            boolean ok = t.rank() == spec.shape().length;
            for (int i = 0; ok && i < t.rank(); i++) {
                ok = spec.shape()[i] < 0 || spec.shape()[i] == t.shape()[i];
            }
            if (!ok) {
                throw new InferenceException("Input '" + spec.name() + "' must have shape " + spec.shapeText()
                        + " but was given " + Arrays.toString(t.shape()) + ".");
            }
        }
    }
}
