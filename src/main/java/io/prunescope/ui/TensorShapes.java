package io.prunescope.ui;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.model.Graph;
import io.prunescope.model.ValueInfo;

import java.util.Optional;

/** Finds the best shape text for a tensor (table, inspector and network diagram): inferred, else constant, else declared in the file (maybe symbolic). */
public final class TensorShapes {

    private TensorShapes() {
    }

    public static String describe(ModelAnalysis analysis, String tensor) {
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
