package io.prunescope.model;

/** A named value with its declared type, as in a graph's inputs, outputs and value_info. */
public record ValueInfo(String name, TensorType type) {
}
