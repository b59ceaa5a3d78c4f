package io.prunescope.ops;

/**
 * The channels of one tensor: which axis indexes them, how many there are, and where their slots start in the
 * dependency graph's union-find.
 */
public record ChannelSpace(String tensor, int id, int axis, int channels, int firstSlot) {
}
