package io.prunescope.model;

/** Element type plus shape of a value; {@code shape} is null when even the rank is unknown. */
public record TensorType(DataType elementType, Shape shape) {
}
