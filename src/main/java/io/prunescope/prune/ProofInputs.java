package io.prunescope.prune;

import io.prunescope.runtime.FloatTensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inputs an export proof runs the pruned model and its oracle on: the user's calibration images when there are
 * some (they put the model where it is used), else {@link SyntheticInputs} whose distribution resembles images.
 */
public final class ProofInputs {

    private final List<Map<String, FloatTensor>> samples;
    private final String description;

    private ProofInputs(List<Map<String, FloatTensor>> samples, String description) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("a proof needs at least one input sample");
        }
        this.samples = List.copyOf(samples);
        this.description = description;
    }

    /** {@code count} synthetic samples for inputs of the given bound shapes. */
    public static ProofInputs synthetic(Map<String, long[]> inputShapes, int count, long seed) {
        List<Map<String, FloatTensor>> out = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            out.add(SyntheticInputs.sample(inputShapes, s, seed));
        }
        return new ProofInputs(out, count + " synthetic image-like input(s)");
    }

    /**
     * Up to {@code limit} samples cut from calibration batches (dimension 0 = samples), each as large as the bound
     * input's batch. The calibration tensors must have the bound shapes apart from dimension 0.
     */
    public static ProofInputs calibration(Map<String, long[]> inputShapes, Map<String, FloatTensor> batches,
                                          int limit) {
        if (!batches.keySet().equals(inputShapes.keySet())) {
            throw new IllegalArgumentException("calibration data feeds " + batches.keySet() + ", the model's inputs are "
                    + inputShapes.keySet());
        }
        int available = Integer.MAX_VALUE;
        int batch = 1;
        for (Map.Entry<String, long[]> e : inputShapes.entrySet()) {
            FloatTensor t = batches.get(e.getKey());
            long[] want = e.getValue();
            if (t.rank() != want.length || !Arrays.equals(Arrays.copyOfRange(t.shape(), 1, t.rank()),
                    Arrays.copyOfRange(want, 1, want.length))) {
                throw new IllegalArgumentException("calibration input '" + e.getKey() + "' is "
                        + Arrays.toString(t.shape()) + "; the model is bound to " + Arrays.toString(want));
            }
            batch = (int) Math.max(1, want[0]);
            available = Math.min(available, t.batchSize() / batch);
        }
        int count = Math.min(available, limit);
        List<Map<String, FloatTensor>> out = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            Map<String, FloatTensor> feed = new LinkedHashMap<>();
            for (Map.Entry<String, FloatTensor> e : batches.entrySet()) {
                feed.put(e.getKey(), e.getValue().sliceBatch(s * batch, (s + 1) * batch));
            }
            out.add(feed);
        }
        return new ProofInputs(out, count + " calibration sample(s)");
    }

    public List<Map<String, FloatTensor>> samples() {
        return samples;
    }

    public int size() {
        return samples.size();
    }

    /** What the proof ran on, in words ("2 synthetic image-like input(s)"). */
    public String description() {
        return description;
    }
}
