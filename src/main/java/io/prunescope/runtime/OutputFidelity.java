package io.prunescope.runtime;

/**
 * How closely one output of a pruned model follows the original on the same inputs.
 *
 * @param cosine        cosine similarity of each sample's flattened output, averaged over samples (1 = same direction)
 * @param maxAbsError   largest |original − pruned| over all elements
 * @param meanAbsError  mean |original − pruned| over all elements
 * @param top1Agreement fraction of rows whose argmax agrees; null when the output is not classifier-shaped
 *                      ([N,K] with K ≥ 2, trailing 1-sized dims ignored)
 * @param samples       number of samples (size of dimension 0)
 */
public record OutputFidelity(String name, double cosine, double maxAbsError, double meanAbsError,
                             Double top1Agreement, int samples) {
}
