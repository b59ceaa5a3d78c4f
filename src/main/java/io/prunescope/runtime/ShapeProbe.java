package io.prunescope.runtime;

import java.util.Map;

/**
 * Learns actual tensor shapes by running the model once: the fallback when static shape inference cannot
 * resolve a shape (custom ops, data-dependent Reshape). The caller declares the tensors it wants as extra
 * graph outputs in the model bytes; every output's shape comes back, whatever its element type.
 */
public final class ShapeProbe {

    private ShapeProbe() {
    }

    /**
     * Runs without graph optimisation, so the graph runs as written (fusions cannot hide a tensor).
     */
    public static Map<String, long[]> probe(byte[] model, Map<String, FloatTensor> inputs) {
        try (InferenceSession session = InferenceSession.open(model,
                RuntimeOptions.DEFAULT.withOptimization(RuntimeOptions.Optimization.NONE))) {
            return session.runForShapes(inputs);
        }
    }

    /** As {@link #probe(byte[], Map)}, with seeded random inputs shaped from the model and {@code dimValues}. */
    public static Map<String, long[]> probeWithRandomInputs(byte[] model, Map<String, Long> dimValues) {
        try (InferenceSession session = InferenceSession.open(model,
                RuntimeOptions.DEFAULT.withOptimization(RuntimeOptions.Optimization.NONE))) {
            return session.runForShapes(CalibrationInputs.random(session, dimValues, 0L,
                    CalibrationInputs.Distribution.NORMAL));
        }
    }
}
