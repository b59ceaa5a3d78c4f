package io.prunescope.testing;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.analysis.ModelAnalyzer;
import io.prunescope.model.DataType;
import io.prunescope.model.Graph;
import io.prunescope.model.InputBindings;
import io.prunescope.model.ModelEdit;
import io.prunescope.model.Node;
import io.prunescope.model.Tensor;
import io.prunescope.onnx.ModelLoadException;
import io.prunescope.onnx.OnnxDocument;
import io.prunescope.onnx.OnnxReader;
import io.prunescope.onnx.OnnxWriter;
import io.prunescope.runtime.OrtShapeFallback;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/** Loads the committed fixture models for tests, and gives structure-only fixtures seeded random weights. */
public final class TestModels {

    private TestModels() {
    }

    public static Path path(String relative) {
        return Path.of(relative);
    }

    public static boolean exists(String relative) {
        return Files.exists(path(relative));
    }

    public static OnnxDocument read(String relative) {
        try {
            return new OnnxReader().read(path(relative));
        } catch (ModelLoadException e) {
            throw new AssertionError(relative + ": " + e.getMessage(), e);
        }
    }

    public static ModelAnalysis analyze(OnnxDocument doc) {
        return ModelAnalyzer.analyze(doc.model(), InputBindings.none(), new OrtShapeFallback(doc));
    }

    public static ModelAnalysis analyze(OnnxDocument doc, Map<String, long[]> inputShapes) {
        InputBindings b = InputBindings.none();
        for (Map.Entry<String, long[]> e : inputShapes.entrySet()) {
            b = b.withShape(e.getKey(), e.getValue());
        }
        return ModelAnalyzer.analyze(doc.model(), b, new OrtShapeFallback(doc));
    }

    /**
     * Replaces every float weight with seeded random values (LeCun-scaled so deep nets stay finite), BatchNorm
     * scales and variances drawn from [0.5, 1.5]. The structure-only fixtures are committed with zero weights to
     * stay small; this makes them real test subjects.
     */
    public static OnnxDocument withRandomWeights(OnnxDocument doc, long seed) {
        Graph g = doc.model().graph();
        SplittableRandom random = new SplittableRandom(seed);
        ModelEdit edit = new ModelEdit();
        java.util.Set<String> positive = new java.util.HashSet<>();
        java.util.Set<String> weights = new java.util.HashSet<>();
        for (Node n : g.nodes()) {
            switch (n.opType()) {
                case "BatchNormalization" -> {
                    positive.add(n.input(1));
                    positive.add(n.input(4));
                    weights.addAll(n.inputs().subList(1, n.inputs().size()));
                }
                case "Conv", "ConvTranspose", "Gemm", "MatMul", "PRelu" ->
                        weights.addAll(n.inputs().subList(1, n.inputs().size()));
                default -> { }
            }
        }
        for (Map.Entry<String, Tensor> e : g.constants().entrySet()) {
            Tensor t = e.getValue();
            if (!weights.contains(e.getKey()) || !t.type().isFloatingPoint() || t.rank() == 0 || t.numel() <= 1) {
                continue;
            }
            float[] v = new float[(int) t.numel()];
            long fanIn = t.rank() >= 2 ? t.numel() / t.dim(0) : 1;
            double scale = t.rank() >= 2 ? 1.0 / Math.sqrt(fanIn) : 0.1;
            for (int i = 0; i < v.length; i++) {
                v[i] = positive.contains(e.getKey()) ? (float) (0.5 + random.nextDouble())
                        : (float) ((random.nextDouble() * 2 - 1) * Math.sqrt(3) * scale);
            }
            edit.replaceTensor(Tensor.ofFloats(e.getKey(), t.dims(), v, t.type() == DataType.FLOAT16
                    ? DataType.FLOAT16 : DataType.FLOAT));
        }
        try {
            return new OnnxReader().read(new OnnxWriter().toBytes(doc, edit));
        } catch (ModelLoadException ex) {
            throw new AssertionError(ex);
        }
    }
}
