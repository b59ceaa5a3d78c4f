package io.prunescope.bench;

import io.prunescope.model.Graph;
import io.prunescope.model.ModelEdit;
import io.prunescope.model.Node;
import io.prunescope.model.Tensor;
import io.prunescope.onnx.ModelLoadException;
import io.prunescope.onnx.OnnxDocument;
import io.prunescope.onnx.OnnxReader;
import io.prunescope.onnx.OnnxWriter;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Gives a structure-only model (weights committed as zeros to keep fixtures small) seeded random weights, so that
 * criteria and selections work on realistic values: Conv/Gemm/MatMul weights and biases uniform with variance
 * 1 / fan-in, BatchNormalization scales and variances in [0.5, 1.5), means and shifts small.
 */
public final class RandomWeights {

    private RandomWeights() {
    }

    /** True when every float weight of a Conv, ConvTranspose, Gemm or MatMul is zero. */
    public static boolean allLayerWeightsZero(Graph g) {
        boolean any = false;
        for (Node n : g.nodes()) {
            if (!isLayer(n) || n.inputs().size() < 2) {
                continue;
            }
            for (String in : n.inputs().subList(1, n.inputs().size())) {
                Tensor t = g.constants().get(in);
                if (t == null || !t.type().isFloatingPoint()) {
                    continue;
                }
                any = true;
                for (float v : t.toFloats()) {
                    if (v != 0f) {
                        return false;
                    }
                }
            }
        }
        return any;
    }

    public static OnnxDocument randomise(OnnxDocument doc, long seed) throws ModelLoadException {
        Graph g = doc.model().graph();
        Set<String> layerWeights = new HashSet<>();
        Set<String> positive = new HashSet<>();
        Set<String> small = new HashSet<>();
        for (Node n : g.nodes()) {
            if (isLayer(n) || n.opType().equals("PRelu")) {
                layerWeights.addAll(n.inputs().subList(1, n.inputs().size()));
            } else if (n.opType().equals("BatchNormalization") && n.inputs().size() >= 5) {
                positive.add(n.input(1));
                positive.add(n.input(4));
                small.add(n.input(2));
                small.add(n.input(3));
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        ModelEdit edit = new ModelEdit();
        for (Map.Entry<String, Tensor> e : g.constants().entrySet()) {
            Tensor t = e.getValue();
            String name = e.getKey();
            boolean layer = layerWeights.contains(name);
            if (!(layer || positive.contains(name) || small.contains(name)) || !t.type().isFloatingPoint()
                    || t.rank() == 0) {
                continue;
            }
            float[] v = new float[Math.toIntExact(t.numel())];
            double half = t.rank() >= 2 ? Math.sqrt(3.0 * t.dim(0) / t.numel()) : 0.1;
            for (int i = 0; i < v.length; i++) {
                double u = random.nextDouble();
                v[i] = positive.contains(name) ? (float) (0.5 + u)
                        : (float) ((2 * u - 1) * (layer ? half : 0.1));
            }
            edit.replaceTensor(Tensor.ofFloats(name, t.dims(), v, t.type()));
        }
        return new OnnxReader().read(new OnnxWriter().toBytes(doc, edit));
    }

    private static boolean isLayer(Node n) {
        return switch (n.opType()) {
            case "Conv", "ConvTranspose", "Gemm", "MatMul" -> true;
            default -> false;
        };
    }
}
