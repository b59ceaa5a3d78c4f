package io.prunescope.ops;

/** How a node's constant tensor follows the removal of channels in a group. */
public enum MemberRole {
    /** The layer writes the channels: removing channel c removes its filter c (weight slice on the output axis, bias c). */
    PRODUCER,
    /** The layer reads the channels: removing channel c removes its input slice c (a weight column). */
    CONSUMER,
    /** Depthwise conv: channel c in is channel c out; its filter c, bias c and the group count shrink together. */
    DEPTHWISE,
    /** A per-channel constant (BatchNormalization vectors, a broadcast Mul/Add constant, a PRelu slope). */
    FOLLOWER,
    /** A Split along the channel axis: its split sizes follow. */
    SPLIT,
    /** A Slice along the channel axis: its start and end follow. */
    SLICE,
    /** A Reshape whose constant target names the channel or feature count: that count follows. */
    RESHAPE
}
