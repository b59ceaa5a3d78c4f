package io.prunescope.ops;

import io.prunescope.model.Node;

import java.util.List;

/** The channel-shuffle pattern of ShuffleNet, recognised by {@link ReshapeRule} (see {@link #channelShuffle}). */
final class ChannelShuffle {

    private ChannelShuffle() {
    }

    /**
     * A channel shuffle as exporters write it: Reshape {@code [N, C, …] → [N, g, C/g, …]}, Transpose swapping those
     * two axes, Reshape back to {@code [N, C, …]}. It is a fixed permutation, output channel {@code j·g + i} being
     * input channel {@code i·(C/g) + j}; it stays a shuffle after pruning only if every one of the g groups loses
     * the same positions, so channel j of every group is one unit. The intermediate 5-D tensors get no channel space:
     * nothing else may read them.
     */
    static boolean channelShuffle(CouplingContext c, Node first, ChannelSpace in, long[] a, long[] b) {
        int ax = in.axis();
        if (b.length != a.length + 1 || c.graph().isGraphOutput(first.output(0))) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (i != ax && a[i] != b[i < ax ? i : i + 1]) {
                return false;
            }
        }
        long g = b[ax];
        long k = b[ax + 1];
        List<Node> next = c.graph().consumers(first.output(0));
        if (g < 2 || k < 1 || g * k != in.channels() || next.size() != 1 || !next.get(0).opType().equals("Transpose")) {
            return false;
        }
        Node transpose = next.get(0);
        long[] perm = transpose.intsAttr("perm");
        if (perm == null || perm.length != b.length || c.graph().isGraphOutput(transpose.output(0))) {
            return false;
        }
        for (int i = 0; i < perm.length; i++) {
            long expected = i == ax ? ax + 1 : i == ax + 1 ? ax : i;
            if (perm[i] != expected) {
                return false;
            }
        }
        List<Node> after = c.graph().consumers(transpose.output(0));
        if (after.size() != 1 || !after.get(0).opType().equals("Reshape")) {
            return false;
        }
        Node last = after.get(0);
        if (!java.util.Arrays.equals(c.shape(last.output(0)), a)) {
            return false;
        }
        ChannelSpace out = c.newSpace(last.output(0), ax, in.channels());
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < g; i++) {
                c.join(in, (int) (i * k + j), out, (int) (j * g + i), 1);
                c.join(in, (int) j, in, (int) (i * k + j), 1);
            }
        }
        // The first target's group size C/g shrinks by the removed count / g; the last one's C by the removed count.
        c.member(first, MemberRole.RESHAPE, in.tensor(), first.input(1), ax + 1, (int) g);
        c.member(last, MemberRole.RESHAPE, out.tensor(), last.input(1), ax, 0);
        c.couple(first, in.tensor(), "channel shuffle (" + g + " groups): channel j of every group moves together, so"
                + " the same positions go from each group");
        return true;
    }
}
