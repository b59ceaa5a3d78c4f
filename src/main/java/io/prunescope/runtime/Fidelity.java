package io.prunescope.runtime;

import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Compares what a pruned model computes with what the original computes on the same inputs. Use it
 * with {@link CalibrationInputs} when no labelled data is at hand; with labels, prefer
 * {@link AccuracyEvaluator}.
 */
public final class Fidelity {

    private Fidelity() {
    }

    /** Runs both models on the inputs (in batches) and compares every output they share. */
    public static FidelityReport compare(InferenceSession original, InferenceSession pruned,
                                         Map<String, FloatTensor> inputs, int batchSize, CancellationToken cancel) {
        Map<String, FloatTensor> a = original.runBatched(inputs, batchSize, Progress.NONE, cancel);
        Map<String, FloatTensor> b = pruned.runBatched(inputs, batchSize, Progress.NONE, cancel);
        return compare(a, b);
    }

    /** Compares outputs already computed; matched by name. */
    public static FidelityReport compare(Map<String, FloatTensor> original, Map<String, FloatTensor> pruned) {
        List<OutputFidelity> results = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Map.Entry<String, FloatTensor> e : original.entrySet()) {
            FloatTensor p = pruned.get(e.getKey());
            if (p == null) {
                notes.add("Output '" + e.getKey() + "' exists only in the original model.");
            } else {
                results.add(compare(e.getKey(), e.getValue(), p));
            }
        }
        for (String name : pruned.keySet()) {
            if (!original.containsKey(name)) {
                notes.add("Output '" + name + "' exists only in the pruned model.");
            }
        }
        return new FidelityReport(results, notes);
    }

    public static OutputFidelity compare(String name, FloatTensor original, FloatTensor pruned) {
        if (!Arrays.equals(original.shape(), pruned.shape())) {
            throw new InferenceException("Output '" + name + "' has shape " + Arrays.toString(original.shape())
                    + " in the original model but " + Arrays.toString(pruned.shape())
                    + " in the pruned one, so they cannot be compared. Pruning must not change a model's outputs' shapes.");
        }
        float[] x = original.data();
        float[] y = pruned.data();
        double maxAbs = 0;
        double sumAbs = 0;
        for (int i = 0; i < x.length; i++) {
            double d = Math.abs((double) x[i] - y[i]);
            maxAbs = Math.max(maxAbs, d);
            sumAbs += d;
        }
        int samples = original.rank() == 0 ? 1 : original.batchSize();
        int per = samples == 0 ? 0 : x.length / samples;
        double cosSum = 0;
        for (int s = 0; s < samples; s++) {
            cosSum += cosine(x, y, s * per, per);
        }
        return new OutputFidelity(name, samples == 0 ? Double.NaN : cosSum / samples, maxAbs,
                x.length == 0 ? 0 : sumAbs / x.length, top1Agreement(original, pruned), samples);
    }

    /** Two all-zero vectors count as identical (1), one zero vector against a non-zero one as unrelated (0). */
    static double cosine(float[] x, float[] y, int offset, int length) {
        double dot = 0;
        double nx = 0;
        double ny = 0;
        for (int i = offset; i < offset + length; i++) {
            dot += (double) x[i] * y[i];
            nx += (double) x[i] * x[i];
            ny += (double) y[i] * y[i];
        }
        if (nx == 0 && ny == 0) {
            return 1;
        }
        if (nx == 0 || ny == 0) {
            return 0;
        }
        return dot / (Math.sqrt(nx) * Math.sqrt(ny));
    }

    private static Double top1Agreement(FloatTensor a, FloatTensor b) {
        if (!isClassifierShaped(a.shape()) || a.shape()[0] == 0) {
            return null;
        }
        // View [N,K,1,1] as [N,K] so the argmax runs over the classes, not over a 1-sized dim.
        long n = a.shape()[0];
        long k = n == 0 ? 0 : a.numel() / n;
        int[] pa = a.reshape(n, k).argmaxPerRow();
        int[] pb = b.reshape(n, k).argmaxPerRow();
        int agree = 0;
        for (int i = 0; i < pa.length; i++) {
            agree += pa[i] == pb[i] ? 1 : 0;
        }
        return pa.length == 0 ? null : (double) agree / pa.length;
    }

    /** [N,K] with K ≥ 2, allowing trailing 1-sized dims ([N,K,1,1] from a conv head). */
    static boolean isClassifierShaped(long[] shape) {
        int r = shape.length;
        while (r > 2 && shape[r - 1] == 1) {
            r--;
        }
        return r == 2 && shape[1] >= 2;
    }
}
