package io.prunescope.ops;

import io.prunescope.model.DataType;
import io.prunescope.model.Graph;
import io.prunescope.model.Node;
import io.prunescope.model.Tensor;

import java.util.Set;

import static io.prunescope.ops.ShapeMath.*;

/**
 * Normalisations. BatchNormalization and InstanceNormalization are per channel: their vectors follow a removal.
 * LayerNormalization over the channel axis, GroupNormalization, LRN, LpNormalization and MeanVarianceNormalization
 * across channels mix channels: removing one changes the others, so such a group is blocked, saying why.
 */
public final class NormalizationRule implements OpRule {

    @Override
    public Set<String> opTypes() {
        return Set.of("BatchNormalization", "InstanceNormalization", "LayerNormalization", "GroupNormalization",
                "LpNormalization", "MeanVarianceNormalization", "LRN");
    }

    @Override
    public boolean shapes(ShapeContext c) {
        if (c.n.opType().equals("LayerNormalization")) {
            layerNorm(c);
        } else {
            c.same();
        }
        return true;
    }

    @Override
    public void coupling(CouplingContext c, Node n) {
        switch (n.opType()) {
            case "BatchNormalization" -> normalization(c, n, 4);
            case "InstanceNormalization" -> normalization(c, n, 2);
            case "LayerNormalization" -> layerNorm(c, n);
            case "LpNormalization" -> acrossAxes(c, n, new long[]{n.intAttr("axis", -1)});
            case "MeanVarianceNormalization" -> {
                long[] axes = n.intsAttr("axes");
                acrossAxes(c, n, axes == null ? new long[]{0, 2, 3} : axes);
            }
            default -> c.blockInputs(n, n.opType() + " '" + n.displayName() + "' normalises across the channels"
                    + " of a group or window: removing one changes the others");
        }
    }

    @Override
    public int[] weightInputs(Graph g, Node n) {
        return switch (n.opType()) {
            case "BatchNormalization", "InstanceNormalization", "LayerNormalization" -> new int[]{1, 2};
            default -> new int[0];
        };
    }

    /** Normalising along the given axes: fine unless they include the channel axis. */
    private static void acrossAxes(CouplingContext c, Node n, long[] axes) {
        ChannelSpace in = c.space(n.input(0));
        long[] shape = c.shape(n.input(0));
        if (in == null) {
            return;
        }
        for (long a : axes) {
            if (shape == null || (a < 0 ? a + shape.length : a) == in.axis()) {
                c.block(in.tensor(), n.opType() + " '" + n.displayName() + "' normalises across channels");
                return;
            }
        }
        c.passThrough(n, n.input(0), n.output(0));
    }

    static void layerNorm(ShapeContext c) {
        long[] x = c.in(0);
        c.out(0, x, c.type(0));
        int axis = normAxis(c, c.n.intAttr("axis", -1), x.length);
        long[] stat = x.clone();
        for (int i = axis; i < x.length; i++) {
            stat[i] = 1;
        }
        DataType st = DataType.fromCode((int) c.n.intAttr("stash_type", DataType.FLOAT.code()));
        for (int i = 1; i < c.n.outputs().size(); i++) {
            c.out(i, stat, st);
        }
    }

    static void normalization(CouplingContext c, Node n, int vectors) {
        ChannelSpace out = c.passThrough(n, n.input(0), n.output(0));
        if (out == null) {
            return;
        }
        for (int i = 1; i <= vectors; i++) {
            Tensor t = c.constant(n.input(i));
            if (t != null && t.rank() == 1 && t.dim(0) == out.channels()) {
                c.member(n, MemberRole.FOLLOWER, out.tensor(), n.input(i), 0, 0);
            } else if (!n.input(i).isEmpty()) {
                c.blockInputs(n, n.opType() + " '" + n.displayName() + "' has a computed per-channel vector");
                return;
            }
        }
    }

    /** LayerNormalization normalises over the axes from {@code axis} to the last. */
    static void layerNorm(CouplingContext c, Node n) {
        ChannelSpace in = c.space(n.input(0));
        long[] shape = c.shape(n.input(0));
        if (in == null) {
            return;
        }
        if (shape == null) {
            c.block(in.tensor(), "LayerNormalization '" + n.displayName() + "' has an unknown input shape");
            return;
        }
        long axis = n.intAttr("axis", -1);
        if (axis < 0) {
            axis += shape.length;
        }
        if (in.axis() >= axis) {
            c.block(in.tensor(), "LayerNormalization '" + n.displayName() + "' normalises over the channel axis:"
                    + " removing a channel changes every other channel's mean and variance");
            return;
        }
        c.passThrough(n, n.input(0), n.output(0));
    }
}
