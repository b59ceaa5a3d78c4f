package io.prunescope.app;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.analysis.NodeCost;
import io.prunescope.model.InputBindings;
import io.prunescope.model.Model;
import io.prunescope.model.Node;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;
import io.prunescope.ui.AnalysisService;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * TEMPORARY stand-in for the real {@code ModelAnalyzer} until the analysis branch lands: it resolves the input
 * bindings (so missing input sizes are still asked for) and reports every node with zero cost, no inferred shapes
 * and no prunable layers. Replace its use in {@link Main#services} with the real analyzer; then delete this class.
 */
public final class TemporaryAnalysisService implements AnalysisService {

    @Override
    public ModelAnalysis analyze(Model model, InputBindings bindings, CancellationToken cancel, Progress progress) {
        Map<String, long[]> inputs = bindings.resolve(model);
        List<Node> nodes = model.graph().nodes();
        List<NodeCost> costs = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            cancel.throwIfCancelled();
            costs.add(new NodeCost(nodes.get(i), 0, 0));
            progress.report(i + 1, nodes.size(), "Analysing (temporary stand-in)…");
        }
        return new ModelAnalysis(model, inputs, Map.of(), costs, List.of());
    }
}
