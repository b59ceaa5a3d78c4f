package io.prunescope.cli;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.analysis.ModelAnalyzer;
import io.prunescope.analysis.ShapeFallback;
import io.prunescope.analysis.ShapeInferenceException;
import io.prunescope.model.InputBindings;
import io.prunescope.onnx.ModelLoadException;
import io.prunescope.onnx.OnnxDocument;
import io.prunescope.onnx.OnnxReader;
import io.prunescope.prune.PruneEngine;
import io.prunescope.runtime.OrtShapeFallback;

import java.nio.file.Path;

/** A model read and analysed for the pruning commands, with every load failure turned into {@link BadInput}. */
record LoadedModel(Path path, OnnxDocument doc, ModelAnalysis analysis) {

    /** Reads and analyses {@code path}; with {@code ortFallback}, ONNX Runtime gives the shapes static inference cannot. */
    static LoadedModel load(Path path, InputBindings bindings, boolean ortFallback) {
        return load(path, bindings, ortFallback, phase -> { });
    }

    /** As {@link #load(Path, InputBindings, boolean)}, telling {@code phases} when reading ends and analysis starts. */
    static LoadedModel load(Path path, InputBindings bindings, boolean ortFallback,
                            java.util.function.Consumer<String> phases) {
        phases.accept("loading " + path.getFileName());
        OnnxDocument doc;
        try {
            doc = new OnnxReader().read(path);
        } catch (ModelLoadException e) {
            throw new BadInput("cannot open " + path + ": " + e.getMessage(), e);
        }
        phases.accept("analysing shapes and costs of " + doc.model().graph().nodes().size() + " nodes");
        try {
            ShapeFallback fallback = ortFallback ? new OrtShapeFallback(doc) : ShapeFallback.NONE;
            ModelAnalysis a = ModelAnalyzer.analyze(doc.model(), bindings, fallback, null, null);
            return new LoadedModel(path, doc, a);
        } catch (InputBindings.UnboundDimensionsException e) {
            throw new BadInput("unbound input dimensions: " + String.join(", ", e.missing())
                    + "\n  give them with --input-shape NAME=D1,D2,... or --symbol NAME=SIZE", e);
        } catch (ShapeInferenceException e) {
            throw new BadInput("the model is inconsistent: " + e.getMessage(), e);
        }
    }

    /**
     * Refuses, before any ONNX Runtime session, a model with operators of a domain ONNX Runtime does not have: its
     * proof could never run, and ORT's own message does not name the node.
     */
    void requireRunnable(String why) {
        for (io.prunescope.model.Node n : doc.model().graph().nodes()) {
            String d = n.domain();
            if (!n.isStandardDomain() && !d.equals("ai.onnx.ml") && !d.equals("com.microsoft")) {
                throw new BadInput("node '" + n.displayName() + "' uses the operator '" + n.opType()
                        + "' of the custom domain '" + d + "', which ONNX Runtime cannot run, so " + why);
            }
        }
    }

    PruneEngine engine() {
        return new PruneEngine(analysis);
    }

    /** "no prunable layer named X" with the names the user could have meant. */
    static String unknownLayer(PruneEngine engine, String name, String where) {
        var names = engine.layers().stream().map(l -> l.name()).toList();
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        var similar = names.stream().filter(n -> n.toLowerCase(java.util.Locale.ROOT).contains(lower)
                || lower.contains(n.toLowerCase(java.util.Locale.ROOT))).limit(5).toList();
        var shown = similar.isEmpty() ? names.stream().limit(8).toList() : similar;
        return "unknown layer '" + name + "'" + where + ": the model has no prunable layer of that name ("
                + names.size() + " prunable layers" + (shown.isEmpty() ? "" : (similar.isEmpty() ? ", e.g. " : "; did you mean ")
                + String.join(", ", shown)) + "; `analyze` lists them)";
    }
}
