package io.prunescope.prune;

import io.prunescope.model.Graph;
import io.prunescope.model.Node;
import io.prunescope.model.ValueInfo;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The outputs of the last layers (Conv, ConvTranspose, Gemm, MatMul) before each graph output: what the proof
 * compares besides the outputs themselves. A graph output often hides differences — a sigmoid map that saturates
 * near zero, a YOLO decode that concatenates pixel coordinates (hundreds) with probabilities (below 1), so that 1e-4
 * of its largest value is 0.03 — while the head layers' outputs are plain, one scale per tensor. In the
 * masked-consumer oracle every tensor whose channels were not removed equals the pruned model's, so comparing them
 * is as valid as comparing the outputs.
 */
final class HeadTensors {

    private static final Set<String> LAYERS = Set.of("Conv", "ConvTranspose", "Gemm", "MatMul");

    private HeadTensors() {
    }

    static Set<String> find(Graph graph, PruneDecision decision) {
        Set<String> heads = new LinkedHashSet<>();
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        for (ValueInfo out : graph.outputs()) {
            todo.add(out.name());
        }
        while (!todo.isEmpty()) {
            String tensor = todo.poll();
            if (!seen.add(tensor) || graph.isConstant(tensor)) {
                continue;
            }
            Node n = graph.producer(tensor).orElse(null);
            if (n == null || decision.removedNodes().contains(n.index())) {
                continue;
            }
            if (LAYERS.contains(n.opType())) {
                if (!graph.isGraphOutput(tensor) && decision.removedCount(tensor) == 0) {
                    heads.add(tensor);
                }
                continue;
            }
            n.inputs().stream().filter(s -> !s.isEmpty()).forEach(todo::add);
        }
        return heads;
    }
}
