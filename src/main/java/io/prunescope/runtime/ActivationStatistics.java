package io.prunescope.runtime;

import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Per-channel statistics of one layer's output, accumulated over batches of shape [N,C,H,W] or [N,C]
 * (channel = dimension 1): mean |activation| and APoZ, the Average Percentage of Zeros (Hu et al. 2016) —
 * meaningful after a ReLU, where a channel that is almost always zero contributes little.
 */
public final class ActivationStatistics {

    private double[] sumAbs;
    private long[] zeros;
    private long valuesPerChannel;
    private long samples;

    /** Adds one batch. All batches must have the same number of channels. */
    public void accumulate(FloatTensor activations) {
        long[] s = activations.shape();
        if (s.length < 2) {
            throw new IllegalArgumentException("activations need shape [N,C,...], got " + Arrays.toString(s));
        }
        int n = (int) s[0];
        int c = (int) s[1];
        if (sumAbs == null) {
            sumAbs = new double[c];
            zeros = new long[c];
        } else if (sumAbs.length != c) {
            throw new IllegalArgumentException("batch has " + c + " channels, earlier batches had " + sumAbs.length);
        }
        int spatial = n * c == 0 ? 0 : activations.numel() / (n * c);
        float[] d = activations.data();
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                int base = (i * c + ch) * spatial;
                double sum = 0;
                long z = 0;
                for (int j = base; j < base + spatial; j++) {
                    float v = d[j];
                    sum += Math.abs(v);
                    z += v == 0f ? 1 : 0; // exact zeros: -0.0f counts too, as ReLU emits both
                }
                sumAbs[ch] += sum;
                zeros[ch] += z;
            }
        }
        valuesPerChannel += (long) n * spatial;
        samples += n;
    }

    public int channels() {
        return sumAbs == null ? 0 : sumAbs.length;
    }

    public long samples() {
        return samples;
    }

    /** Mean of |a| per channel over every sample and position seen. */
    public double[] meanAbs() {
        requireData();
        return Arrays.stream(sumAbs).map(v -> v / valuesPerChannel).toArray();
    }

    /** Fraction of exact zeros per channel (0 … 1). */
    public double[] apoz() {
        requireData();
        return Arrays.stream(zeros).mapToDouble(v -> (double) v / valuesPerChannel).toArray();
    }

    private void requireData() {
        if (sumAbs == null || valuesPerChannel == 0) {
            throw new IllegalStateException("no activations accumulated yet");
        }
    }

    /**
     * Runs the model on the inputs in batches and accumulates statistics of each named output. The
     * layers to observe must be graph outputs of the model (the caller adds them to a copy of the model);
     * running all of them at once costs a single pass.
     */
    public static Map<String, ActivationStatistics> collect(InferenceSession session, Set<String> outputNames,
                                                            Map<String, FloatTensor> inputs, int batchSize,
                                                            Progress progress, CancellationToken cancel) {
        Map<String, ActivationStatistics> stats = new LinkedHashMap<>();
        outputNames.forEach(name -> {
            session.output(name);
            stats.put(name, new ActivationStatistics());
        });
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no inputs given");
        }
        int n = inputs.values().iterator().next().batchSize();
        for (int from = 0; from < n; from += batchSize) {
            cancel.throwIfCancelled();
            int to = Math.min(n, from + batchSize);
            Map<String, FloatTensor> chunk = new LinkedHashMap<>();
            for (Map.Entry<String, FloatTensor> e : inputs.entrySet()) {
                chunk.put(e.getKey(), e.getValue().sliceBatch(from, to));
            }
            session.run(chunk, outputNames).forEach((name, t) -> stats.get(name).accumulate(t));
            progress.report(to, n, "");
        }
        return stats;
    }
}
