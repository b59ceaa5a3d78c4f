package io.prunescope.measure;

import io.prunescope.analysis.PrunableLayer;
import io.prunescope.model.Graph;
import io.prunescope.model.ModelEdit;
import io.prunescope.model.Node;
import io.prunescope.onnx.OnnxDocument;
import io.prunescope.prune.PruneEngine;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.runtime.ActivationStatistics;
import io.prunescope.task.CancellationToken;
import io.prunescope.runtime.FloatTensor;
import io.prunescope.runtime.InferenceSession;
import io.prunescope.task.Progress;
import io.prunescope.runtime.RuntimeOptions;
import io.prunescope.session.Workspace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Activation-based criteria (DESIGN §4): calibration inputs run through the ORIGINAL model with every prunable
 * layer's observed tensor exposed as an output; per output channel the mean |activation| and APoZ (fraction of exact
 * zeros) are measured and handed to the engine as {@link Criterion#MEAN_ACTIVATION} and {@link Criterion#APOZ}.
 *
 * <p>Which tensor is observed ({@link #tap}): the layer's output, followed through a BatchNormalization (or
 * Identity/Dropout) that is its only reader, then through the activation that is the only reader of that
 * (Relu, LeakyRelu, Clip, …) or through SiLU written as {@code x · Sigmoid(x)}. When no activation reads it directly
 * — a ResNet's second conv whose BN output goes into the residual Add — the conv/BN output is observed: mean
 * |activation| is still meaningful there, APoZ is 0 for every channel (no ReLU, no zeros) and ranks nothing, which
 * {@link Result#notes()} says.
 */
public final class ActivationCriteria {

    private static final Set<String> PASS = Set.of("BatchNormalization", "Identity", "Dropout");
    private static final Set<String> ACTIVATIONS = Set.of("Relu", "LeakyRelu", "Clip", "Sigmoid", "HardSigmoid",
            "HardSwish", "Elu", "Selu", "Celu", "Tanh", "PRelu", "Softplus", "Gelu", "Mish", "ThresholdedRelu");

    private ActivationCriteria() {
    }

    /** The observed tensor of a layer and the activation it comes after (null when none follows directly). */
    public record Tap(String layer, String tensor, String activation) {

        /** APoZ counts zeros; only a ReLU-like activation makes them. */
        public boolean zeroMaking() {
            return activation != null && (activation.equals("Relu") || activation.equals("Clip")
                    || activation.equals("ThresholdedRelu"));
        }
    }

    /** Statistics of one layer's output channels. */
    public record LayerActivations(Tap tap, double[] meanAbs, double[] apoz) {
    }

    public record Result(List<LayerActivations> layers, long samples, List<String> notes) {

        public LayerActivations layer(String name) {
            return layers.stream().filter(l -> l.tap().layer().equals(name)).findFirst().orElse(null);
        }
    }

    public static Tap tap(Graph g, Node layer) {
        String t = layer.output(0);
        List<Node> readers = g.consumers(t);
        while (readers.size() == 1 && PASS.contains(readers.get(0).opType()) && !g.isGraphOutput(t)) {
            t = readers.get(0).output(0);
            readers = g.consumers(t);
        }
        if (g.isGraphOutput(t)) {
            return new Tap(layer.displayName(), t, null);
        }
        if (readers.size() == 1 && ACTIVATIONS.contains(readers.get(0).opType())) {
            return new Tap(layer.displayName(), readers.get(0).output(0), readers.get(0).opType());
        }
        if (readers.size() == 2) {
            Node sig = readers.stream().filter(n -> n.opType().equals("Sigmoid")).findFirst().orElse(null);
            Node mul = readers.stream().filter(n -> n.opType().equals("Mul")).findFirst().orElse(null);
            if (sig != null && mul != null && mul.inputs().contains(sig.output(0))) {
                return new Tap(layer.displayName(), mul.output(0), "SiLU");
            }
        }
        return new Tap(layer.displayName(), t, null);
    }

    /**
     * Runs the calibration inputs through the original model once, observing every prunable layer whose output
     * channels are its units.
     */
    public static Result measure(Workspace ws, Map<String, FloatTensor> inputs, int batchSize, RuntimeOptions options,
                                 Progress progress, CancellationToken cancel) {
        Graph g = ws.model().graph();
        Map<String, Tap> taps = new LinkedHashMap<>();
        for (PrunableLayer l : ws.engine().layers()) {
            taps.put(l.name(), tap(g, l.node()));
        }
        Set<String> tensors = new LinkedHashSet<>();
        taps.values().forEach(t -> tensors.add(t.tensor()));
        OnnxDocument doc = ModelBytes.read(ws.originalBytes());
        byte[] bytes = ModelBytes.withOutputs(doc, new ModelEdit(), tensors);
        Map<String, ActivationStatistics> stats;
        try (InferenceSession s = InferenceSession.open(bytes, options)) {
            stats = ActivationStatistics.collect(s, tensors, inputs, Calibration.batchSize(s, batchSize), progress,
                    cancel);
        }
        List<LayerActivations> out = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> noZeros = new ArrayList<>();
        long samples = 0;
        for (PrunableLayer l : ws.engine().layers()) {
            Tap tap = taps.get(l.name());
            ActivationStatistics st = stats.get(tap.tensor());
            if (st == null || st.channels() == 0) {
                continue;
            }
            samples = st.samples();
            if (st.channels() != l.outputUnits()) {
                notes.add("layer '" + l.name() + "': observed tensor has " + st.channels() + " channels, the layer "
                        + l.outputUnits() + " outputs; skipped");
                continue;
            }
            if (!tap.zeroMaking()) {
                noZeros.add(l.name());
            }
            out.add(new LayerActivations(tap, st.meanAbs(), st.apoz()));
        }
        if (!noZeros.isEmpty()) {
            notes.add("no ReLU reads the output of " + noZeros.size() + " layer(s) directly (" + String.join(", ",
                    noZeros.subList(0, Math.min(4, noZeros.size()))) + (noZeros.size() > 4 ? ", …" : "")
                    + "): their APoZ is measured on the conv/BN output, where zeros are rare, so APoZ ranks little"
                    + " there; mean |activation| is still meaningful");
        }
        return new Result(out, samples, notes);
    }

    /** Hands the measurements to the engine: both criteria become usable in plans. */
    public static void apply(PruneEngine engine, Result result) {
        for (LayerActivations la : result.layers()) {
            engine.setExternalScores(la.tap().layer(), Criterion.MEAN_ACTIVATION, toFloats(la.meanAbs()));
            engine.setExternalScores(la.tap().layer(), Criterion.APOZ, toFloats(la.apoz()));
        }
    }

    /** Measures and applies in one go. */
    public static Result measureAndApply(Workspace ws, Map<String, FloatTensor> inputs, int batchSize,
                                         RuntimeOptions options, Progress progress, CancellationToken cancel) {
        Result r = measure(ws, inputs, batchSize, options, progress, cancel);
        apply(ws.engine(), r);
        return r;
    }

    static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
