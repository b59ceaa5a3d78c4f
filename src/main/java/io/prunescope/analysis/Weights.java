package io.prunescope.analysis;

import io.prunescope.model.Graph;
import io.prunescope.model.Node;
import io.prunescope.model.Tensor;

import java.util.Optional;

/**
 * Finds the constant behind a node input: an initializer or a Constant node's value, directly or through a chain
 * of Identity nodes (as some exporters write shared weights).
 */
public final class Weights {

    private Weights() {
    }

    /** The constant the tensor {@code name} comes from, or empty when it is computed. */
    public static Optional<Tensor> resolve(Graph graph, String name) {
        String current = name;
        for (int hops = 0; hops < 16 && current != null && !current.isEmpty(); hops++) {
            Tensor t = graph.constants().get(current);
            if (t != null) {
                return Optional.of(t);
            }
            Optional<Node> p = graph.producer(current);
            if (p.isEmpty() || !p.get().opType().equals("Identity") || !p.get().isStandardDomain()) {
                return Optional.empty();
            }
            current = p.get().input(0);
        }
        return Optional.empty();
    }

    /** The name of the constant behind {@code name} (itself, or the source of its Identity chain), or null. */
    public static String constantName(Graph graph, String name) {
        String current = name;
        for (int hops = 0; hops < 16 && current != null && !current.isEmpty(); hops++) {
            if (graph.isConstant(current)) {
                return current;
            }
            Optional<Node> p = graph.producer(current);
            if (p.isEmpty() || !p.get().opType().equals("Identity") || !p.get().isStandardDomain()) {
                return null;
            }
            current = p.get().input(0);
        }
        return null;
    }

    /** A constant floating-point tensor (a weight) behind the input, or empty. */
    public static Optional<Tensor> floatWeight(Graph graph, String name) {
        return resolve(graph, name).filter(t -> t.type().isFloatingPoint());
    }
}
