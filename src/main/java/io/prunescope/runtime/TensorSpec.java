package io.prunescope.runtime;

import java.util.Arrays;

/**
 * A model input or output as ONNX Runtime sees it: the declared shape, refined by ONNX Runtime's own
 * shape inference where the model leaves it open (an output declared without a shape may come back with one).
 *
 * @param name        the graph input/output name
 * @param shape       declared dimensions; -1 where a dimension is dynamic (symbolic or unknown).
 *                    Empty when the model declares no shape at all (see {@link #shapeKnown}).
 * @param dimNames    per dimension the symbolic name ("batch") or "" when the dimension is fixed or
 *                    anonymous; same length as {@code shape}
 * @param elementType ONNX element type as ONNX Runtime reports it (FLOAT, INT64, ...), or the value
 *                    kind (SEQUENCE, MAP) for non-tensors
 * @param shapeKnown  false when the model does not declare a rank at all
 */
public record TensorSpec(String name, long[] shape, String[] dimNames, String elementType, boolean shapeKnown) {

    public boolean isFloat() {
        return "FLOAT".equals(elementType);
    }

    public boolean isDynamic(int axis) {
        return shape[axis] < 0;
    }

    public boolean hasDynamicDims() {
        return Arrays.stream(shape).anyMatch(d -> d < 0);
    }

    /** Shape as text, symbolic dims by name: {@code [batch, 3, 224, 224]}, {@code ?} for anonymous ones. */
    public String shapeText() {
        if (!shapeKnown) {
            return "unknown";
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(shape[i] >= 0 ? Long.toString(shape[i]) : dimNames[i].isEmpty() ? "?" : dimNames[i]);
        }
        return sb.append(']').toString();
    }

    @Override
    public String toString() {
        return name + ": " + elementType + " " + shapeText();
    }
}
