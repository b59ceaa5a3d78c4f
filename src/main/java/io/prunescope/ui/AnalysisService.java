package io.prunescope.ui;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.model.InputBindings;
import io.prunescope.model.Model;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;

/**
 * Adapter through which the UI asks for a model's analysis (shapes, costs, prunable layers). The composition root
 * supplies it, so the UI does not depend on how the analysis is made; swapping the implementation is one line there.
 * Called off the FX thread; may throw {@link InputBindings.UnboundDimensionsException} when input sizes are missing
 * and {@link io.prunescope.task.CancelledException} when the token is cancelled.
 */
@FunctionalInterface
public interface AnalysisService {

    ModelAnalysis analyze(Model model, InputBindings bindings, CancellationToken cancel, Progress progress);
}
