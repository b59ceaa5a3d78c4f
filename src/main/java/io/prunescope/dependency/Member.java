package io.prunescope.dependency;

import io.prunescope.model.Node;
import io.prunescope.ops.MemberRole;

/**
 * One thing that changes when channels of a tensor are removed.
 *
 * @param node       the node that owns the change
 * @param role       what kind of change
 * @param tensor     the channel-bearing tensor whose channel indices this member follows
 * @param constant   the constant tensor to slice (weight, bias, BN vector, broadcast constant), or null
 * @param axis       the axis of {@code constant} that indexes the channels
 * @param modulo     for grouped convolutions, the input channel c maps to weight index c % modulo; for the first
 *                   Reshape of a channel shuffle, the number of groups (its target names the per-group count,
 *                   which loses the removed count divided by it); 0 otherwise
 */
public record Member(Node node, MemberRole role, String tensor, String constant, int axis, int modulo) {

    public int weightIndex(int channel) {
        return modulo > 0 ? channel % modulo : channel;
    }

    @Override
    public String toString() {
        return role + " " + node.displayName() + (constant == null ? "" : " [" + constant + " axis " + axis + "]");
    }
}
