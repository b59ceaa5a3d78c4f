package io.prunescope.analysis;

import io.prunescope.model.InputBindings;
import io.prunescope.model.Model;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;

import java.util.List;
import java.util.Map;

/**
 * Shape inference, costs and prunable layers of a model, in one call. Runs on the caller's thread; cancellable.
 */
public final class ModelAnalyzer {

    private ModelAnalyzer() {
    }

    /**
     * @param bindings concrete values for symbolic input dimensions
     * @param fallback asked (once) for shapes static inference cannot work out; {@link ShapeFallback#NONE} for none
     * @throws InputBindings.UnboundDimensionsException when an input dimension has no value (the message lists them)
     * @throws ShapeInferenceException                  when the model is inconsistent (the message names the node)
     */
    public static ModelAnalysis analyze(Model model, InputBindings bindings, ShapeFallback fallback,
                                        CancellationToken cancel, Progress progress) {
        CancellationToken token = cancel == null ? CancellationToken.NEVER : cancel;
        Progress p = progress == null ? Progress.NONE : progress;
        Map<String, long[]> inputs = (bindings == null ? InputBindings.none() : bindings).resolve(model);
        ShapeInference.Result shapes = ShapeInference.infer(model, inputs, fallback, token, p);
        token.throwIfCancelled();
        List<NodeCost> costs = CostModel.costs(model.graph(), shapes.shapes());
        token.throwIfCancelled();
        List<PrunableLayer> layers = PrunableLayers.find(model.graph());
        return new ModelAnalysis(model, inputs, shapes.shapes(), costs, layers, shapes);
    }

    public static ModelAnalysis analyze(Model model, InputBindings bindings, ShapeFallback fallback) {
        return analyze(model, bindings, fallback, CancellationToken.NEVER, Progress.NONE);
    }
}
