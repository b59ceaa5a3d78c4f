package io.prunescope.ops;

import io.prunescope.model.Graph;
import io.prunescope.model.Node;
import io.prunescope.model.Tensor;

import java.util.Optional;

/**
 * Finds the constant behind a tensor name: an initializer or a Constant node, directly or through Identity nodes
 * (exporters share equal initializers behind Identity; tf2onnx reads variables through Identity).
 */
public final class Constants {

    private Constants() {
    }

    /** The constant the tensor {@code name} comes from, or empty when it is computed. */
    public static Optional<Tensor> resolve(Graph graph, String name) {
        String source = constantName(graph, name);
        return source == null ? Optional.empty() : Optional.of(graph.constants().get(source));
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

    /** A floating-point constant behind {@code name} (a weight), or empty. */
    public static Optional<Tensor> floatWeight(Graph graph, String name) {
        return resolve(graph, name).filter(t -> t.type().isFloatingPoint());
    }
}
