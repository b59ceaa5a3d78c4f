package io.prunescope.prune;

import io.prunescope.model.Graph;
import io.prunescope.model.Node;

import java.util.Optional;
import java.util.Set;

/**
 * How far one output of the pruned model may be from the masked-consumer oracle and still count as equal:
 * {@code max|hard − oracle| ≤ atol + rtol · max|oracle|}, over every element of the output and every sample.
 *
 * <p>{@code rtol} is {@value #RTOL}: float32 sums of the same terms in another order (a pruned conv adds fewer terms)
 * differ by a few ulps of the largest terms, far below it. A purely relative bound fails on outputs that sit near
 * zero on the proof's inputs — a sigmoid map on random inputs is ~1e-7 everywhere, and rounding noise of 1e-7 is then
 * "33 % relative". So {@code atol} is tied to the output's <em>scale</em>: {@code rtol ×} the nominal range of the op
 * that bounds the output (1 for Sigmoid, HardSigmoid and Softmax, 2 for Tanh and Softsign), found by walking back
 * through ops that only move values (Reshape, Transpose, Concat, …). An unbounded output has no scale but its
 * values, and the bound stays relative.
 */
public record OutputTolerance(double rtol, double atol) {

    public static final double RTOL = 1e-4;

    /** Ops that move or copy values without changing them: the bound of what they read is the bound of what they write. */
    private static final Set<String> VALUE_PRESERVING = Set.of("Identity", "Reshape", "Flatten", "Transpose", "Squeeze",
            "Unsqueeze", "Concat", "Slice", "Split", "Gather", "Expand", "Tile", "Resize", "Upsample", "MaxPool",
            "AveragePool", "GlobalAveragePool", "GlobalMaxPool");

    /** The tolerance of graph output {@code output}. */
    public static OutputTolerance of(Graph graph, String output) {
        return new OutputTolerance(RTOL, RTOL * nominalRange(graph, output));
    }

    /** The largest difference allowed for an output whose largest magnitude is {@code maxReference}. */
    public double bound(double maxReference) {
        // Float.MIN_NORMAL: an all-zero reference still accepts an all-zero (or denormal-noise) result.
        return Math.max(atol + rtol * maxReference, Float.MIN_NORMAL);
    }

    /** Width of the interval the output's values are confined to by the op that produces them; 0 when unbounded. */
    static double nominalRange(Graph graph, String tensor) {
        return nominalRange(graph, tensor, 0);
    }

    private static double nominalRange(Graph graph, String tensor, int depth) {
        Optional<Node> producer = graph.producer(tensor);
        if (producer.isEmpty() || depth > 32) {
            return 0;
        }
        Node n = producer.get();
        return switch (n.opType()) {
            case "Sigmoid", "HardSigmoid", "Softmax" -> 1;
            case "Tanh", "Softsign" -> 2;
            default -> {
                if (!VALUE_PRESERVING.contains(n.opType())) {
                    yield 0;
                }
                double widest = 0;
                for (String in : dataInputs(n)) {
                    double r = nominalRange(graph, in, depth + 1);
                    if (r == 0) {
                        yield 0;
                    }
                    widest = Math.max(widest, r);
                }
                yield widest;
            }
        };
    }

    /** The inputs that carry values (Concat: all of them; the others: the first; shapes and indices do not). */
    private static java.util.List<String> dataInputs(Node n) {
        if (n.opType().equals("Concat")) {
            return n.inputs().stream().filter(s -> !s.isEmpty()).toList();
        }
        return n.inputs().isEmpty() ? java.util.List.of() : java.util.List.of(n.input(0));
    }
}
