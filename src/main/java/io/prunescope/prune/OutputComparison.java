package io.prunescope.prune;

import io.prunescope.model.Graph;
import io.prunescope.runtime.FloatTensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accumulates, tensor by tensor and over every proof sample, the largest difference between the pruned model and
 * the oracle and the largest oracle magnitude; then judges each with its {@link OutputTolerance}. The tolerance uses
 * the maximum over all samples, so a sample where an output happens to be small is judged at the output's scale.
 */
final class OutputComparison {

    private final Graph graph;
    private final Set<String> heads;
    private final Map<String, double[]> extremes = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    /** @param heads the compared tensors that are head-layer outputs ({@link HeadTensors}) rather than graph outputs */
    OutputComparison(Graph graph, Set<String> heads) {
        this.graph = graph;
        this.heads = heads;
    }

    void add(Map<String, FloatTensor> hard, Map<String, FloatTensor> oracle) {
        for (Map.Entry<String, FloatTensor> e : oracle.entrySet()) {
            FloatTensor got = hard.get(e.getKey());
            if (got == null || got.numel() != e.getValue().numel()) {
                String problem = "output '" + e.getKey() + "' has a different size after pruning";
                if (!problems.contains(problem)) {
                    problems.add(problem);
                }
                continue;
            }
            double[] x = extremes.computeIfAbsent(e.getKey(), k -> new double[2]);
            float[] a = got.data();
            float[] b = e.getValue().data();
            for (int i = 0; i < a.length; i++) {
                double diff = Math.abs((double) a[i] - b[i]);
                // NaN in one model and not the other is a difference; NaN in both is the same value.
                if (Double.isNaN(diff) && Float.isNaN(a[i]) != Float.isNaN(b[i])) {
                    diff = Double.POSITIVE_INFINITY;
                }
                if (diff > x[0]) {
                    x[0] = diff;
                }
                x[1] = Math.max(x[1], Math.abs((double) b[i]));
            }
        }
    }

    List<OutputCheck> checks() {
        List<OutputCheck> out = new ArrayList<>();
        extremes.forEach((name, x) -> {
            OutputTolerance t = OutputTolerance.of(graph, name);
            out.add(new OutputCheck(name, heads.contains(name), x[0], x[1], t.bound(x[1])));
        });
        return out;
    }

    /** Size mismatches, and every check outside its tolerance, in words. */
    List<String> problems() {
        List<String> out = new ArrayList<>(problems);
        for (OutputCheck c : checks()) {
            if (!c.passed()) {
                out.add("differs from the masked-consumer oracle: " + c.describe());
            }
        }
        return out;
    }
}
