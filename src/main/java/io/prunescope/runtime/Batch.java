package io.prunescope.runtime;

/**
 * Consecutive samples of a {@link Dataset}.
 *
 * @param inputs one tensor with the samples along dimension 0
 * @param labels class index per sample; -1 where the data set has no labels
 */
public record Batch(FloatTensor inputs, int[] labels) {

    public Batch {
        if (inputs.batchSize() != labels.length) {
            throw new IllegalArgumentException(inputs.batchSize() + " samples but " + labels.length + " labels");
        }
    }

    public int size() {
        return labels.length;
    }
}
