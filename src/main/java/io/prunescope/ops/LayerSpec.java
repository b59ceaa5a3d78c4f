package io.prunescope.ops;

import io.prunescope.model.Tensor;

/**
 * What an op rule says about a prunable layer: where its weight is and how units are laid out in it (the analysis
 * package wraps it, with the node, as a {@code PrunableLayer}).
 *
 * @param weightInputIndex which node input holds the weight
 * @param biasName         the constant bias tensor's name, or null
 * @param transposed       true when the stored weight is [in][out], so rows are not units
 */
public record LayerSpec(LayerKind kind, Tensor weight, int weightInputIndex, String biasName, long outputUnits,
                        long inputUnits, long groups, boolean transposed) {
}
