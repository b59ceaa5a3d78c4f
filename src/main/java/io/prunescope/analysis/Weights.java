package io.prunescope.analysis;

import io.prunescope.model.Graph;
import io.prunescope.model.Tensor;
import io.prunescope.ops.Constants;

import java.util.Optional;

/** Where a layer's weight is: kept for the packages that read weights; the lookup lives in {@link Constants}. */
public final class Weights {

    private Weights() {
    }

    /** The constant the tensor {@code name} comes from, or empty when it is computed. */
    public static Optional<Tensor> resolve(Graph graph, String name) {
        return Constants.resolve(graph, name);
    }

    /** The name of the constant behind {@code name} (itself, or the source of its Identity chain), or null. */
    public static String constantName(Graph graph, String name) {
        return Constants.constantName(graph, name);
    }

    /** A constant floating-point tensor (a weight) behind the input, or empty. */
    public static Optional<Tensor> floatWeight(Graph graph, String name) {
        return Constants.floatWeight(graph, name);
    }
}
