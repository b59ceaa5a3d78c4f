package io.prunescope.ops;

import io.prunescope.model.Graph;
import io.prunescope.model.Node;
import io.prunescope.model.Tensor;

/**
 * What an op rule can do to the channel graph (DESIGN §5), implemented by the dependency builder. Every tensor that
 * carries channels has a {@link ChannelSpace}: one union-find slot per channel. A rule joins slots (channel k in is
 * channel k out), starts new spaces (a layer's filters), records the constants that follow a removal (members), and
 * blocks tensors whose channels it cannot follow, with the reason the user will read.
 */
public interface CouplingContext {

    Graph graph();

    /** The default-domain opset of the model (13 when the file does not say). */
    long opset();

    /** The tensor's concrete shape, or null when unknown. */
    long[] shape(String tensor);

    /** The constant behind the tensor (initializer or Constant node, through Identity), or null. */
    Tensor constant(String tensor);

    /** The value of a small integer tensor (a constant, or computed by shape inference), or null. */
    long[] knownLongs(String tensor);

    /** The tensor's channels, or null when it carries none that PruneScope follows. */
    ChannelSpace space(String tensor);

    /** The tensor's channel space, created if it has none. */
    ChannelSpace newSpace(String tensor, int axis, int channels);

    /** Channel {@code offsetA + i} of a is channel {@code offsetB + i} of b, for i below count. */
    void join(ChannelSpace a, int offsetA, ChannelSpace b, int offsetB, int count);

    /** Channel c of {@code input} becomes channels c·k … c·k+k−1 of {@code output} (k = dims after the axis). */
    void fanOut(Node n, ChannelSpace in, long[] inShape, String output, int outAxis);

    /** {@code output} carries {@code input}'s channels on the same axis; null (and the input blocked) if it cannot. */
    ChannelSpace passThrough(Node n, String input, String output);

    /** {@code output} carries {@code in}'s channels on {@code axis}; null (and {@code in} blocked) if it cannot. */
    ChannelSpace passThroughTo(Node n, ChannelSpace in, String output, int axis);

    /** True when the two spaces are already in one group. */
    boolean sameGroup(ChannelSpace a, ChannelSpace b);

    /** A constant (or a shape-bearing input) changes when channels of {@code tensor} are removed. */
    void member(Node n, MemberRole role, String tensor, String constant, int axis, int modulo);

    /** The reason this node couples the group of {@code tensor}, shown to the user. */
    void couple(Node n, String tensor, String reason);

    /** The tensor's group cannot be pruned, for this reason (the first reason given is kept). */
    void block(String tensor, String reason);

    /** Like {@link #block}, replacing an earlier reason with a more specific one. */
    void blockInstead(String tensor, String reason);

    /** Blocks every input of the node that carries channels. */
    void blockInputs(Node n, String reason);

    /** Blocks the tensor after the whole graph is walked (it may not carry channels yet when the rule runs). */
    void blockAfterWalk(String tensor, String reason);
}
