package io.prunescope.ui.network;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.model.Graph;
import io.prunescope.model.ValueInfo;
import io.prunescope.ui.Formats;

import java.util.Optional;

/** The shape text of a tensor for the diagram: inferred, else constant, else declared (maybe symbolic). */
final class ShapeText {

    private ShapeText() {
    }

    static String of(ModelAnalysis analysis, String tensor) {
        if (tensor == null || tensor.isEmpty()) {
            return Formats.NONE;
        }
        Optional<long[]> inferred = analysis.shape(tensor);
        if (inferred.isPresent()) {
            return Formats.shape(inferred.get());
        }
        Graph g = analysis.model().graph();
        if (g.isConstant(tensor)) {
            return Formats.shape(g.constants().get(tensor).dims());
        }
        ValueInfo declared = g.valueInfos().get(tensor);
        if (declared == null) {
            declared = g.input(tensor).orElse(null);
        }
        if (declared == null) {
            declared = g.outputs().stream().filter(v -> v.name().equals(tensor)).findFirst().orElse(null);
        }
        if (declared != null && declared.type() != null && declared.type().shape() != null) {
            return Formats.shape(declared.type().shape());
        }
        return Formats.NONE;
    }
}
