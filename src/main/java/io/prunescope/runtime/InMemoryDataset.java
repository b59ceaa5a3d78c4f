package io.prunescope.runtime;

import java.util.Arrays;
import java.util.List;

/** Samples already in memory: one tensor with the samples along dimension 0, and their labels. */
public final class InMemoryDataset implements Dataset {

    private final FloatTensor inputs;
    private final int[] labels;
    private final int numClasses;

    public InMemoryDataset(FloatTensor inputs, int[] labels, int numClasses) {
        if (inputs.batchSize() != labels.length) {
            throw new IllegalArgumentException(inputs.batchSize() + " samples but " + labels.length + " labels");
        }
        this.inputs = inputs;
        this.labels = labels.clone();
        this.numClasses = numClasses;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    @Override
    public List<String> classNames() {
        return List.of();
    }

    @Override
    public long[] sampleShape() {
        return Arrays.copyOfRange(inputs.shape(), 1, inputs.rank());
    }

    @Override
    public Batch batch(int from, int to) {
        return new Batch(inputs.sliceBatch(from, to), Arrays.copyOfRange(labels, from, to));
    }
}
