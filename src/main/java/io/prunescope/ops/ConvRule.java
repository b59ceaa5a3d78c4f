package io.prunescope.ops;

import io.prunescope.model.Graph;
import io.prunescope.model.Node;
import io.prunescope.model.Shapes;
import io.prunescope.model.Tensor;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.prunescope.ops.ShapeMath.*;

/**
 * Conv (1-D/2-D/3-D, grouped, depthwise): the layer most pruning is about, in one place. Shapes: pads, auto_pad,
 * strides, dilations, group. Coupling: a plain conv consumes its input channels (weight columns) and produces
 * new ones (filters, bias); a depthwise conv ties filter k to input channel k; a grouped conv prunes the same index in
 * every group. Cost: {@code N·Cout·(Cin/g)·∏k·∏out}. Prunable: {@code W[Cout][Cin/g][k…]}.
 */
public final class ConvRule implements OpRule {

    @Override
    public Set<String> opTypes() {
        return Set.of("Conv");
    }

    @Override
    public boolean shapes(ShapeContext c) {
        outputShape(c);
        return true;
    }

    @Override
    public void coupling(CouplingContext c, Node n) {
        channels(c, n);
    }

    @Override
    public long macs(Node n, Map<String, long[]> shapes) {
        long[] w = shapes.get(n.input(1));
        long[] y = shapes.get(n.output(0));
        if (w == null || y == null || y.length < 3) {
            return 0;
        }
        // N · Cout · (Cin/g) · ∏k · ∏out
        return Shapes.numel(w) * y[0] * Shapes.numel(Arrays.copyOfRange(y, 2, y.length));
    }

    @Override
    public int[] weightInputs(Graph g, Node n) {
        return new int[]{1, 2};
    }

    @Override
    public LayerSpec prunable(Graph g, Node n) {
        return layout(g, n, false);
    }

    /** {@code [N, Cout, out…]}, checking the input's channels against the weight and groups. */
    static void outputShape(ShapeContext c) {
        long[] x = c.in(0);
        long[] w = c.in(1);
        if (x.length < 3 || w.length != x.length) {
            throw c.error("input " + c.fmt(0) + " and weight " + c.fmt(1) + " must have the same rank (at least 3)");
        }
        long group = c.n.intAttr("group", 1);
        if (group <= 0 || x[1] != w[1] * group) {
            throw c.error("input " + c.fmt(0) + " has " + x[1] + " channels but weight " + c.fmt(1)
                    + " with group " + group + " expects " + (w[1] * group));
        }
        if (w[0] % group != 0) {
            throw c.error("weight " + c.fmt(1) + " has " + w[0] + " filters, not divisible by group " + group);
        }
        if (c.present(2) && (c.in(2).length != 1 || c.in(2)[0] != w[0])) {
            throw c.error("bias " + c.fmt(2) + " does not match the " + w[0] + " filters of weight " + c.fmt(1));
        }
        int sp = x.length - 2;
        long[] kernel = Arrays.copyOfRange(w, 2, w.length);
        long[] k = c.ints("kernel_shape", kernel);
        long[] out = new long[x.length];
        out[0] = x[0];
        out[1] = w[0];
        long[] spatial = windowOutput(c, Arrays.copyOfRange(x, 2, x.length), k, sp, false);
        System.arraycopy(spatial, 0, out, 2, sp);
        c.out(0, out, c.type(0));
    }

    /** Filters start a channel space; input channels are consumed (plain), tied (depthwise) or grouped. */
    static void channels(CouplingContext c, Node n) {
        ChannelSpace in = c.space(n.input(0));
        Tensor w = c.constant(n.input(1));
        if (w == null || w.rank() < 3) {
            c.blockInputs(n, "Conv '" + n.displayName() + "' computes its weight at run time");
            return;
        }
        int cout = (int) w.dim(0);
        int cinPerGroup = (int) w.dim(1);
        int groups = (int) n.intAttr("group", 1);
        int cin = cinPerGroup * groups;
        ChannelSpace out = c.newSpace(n.output(0), 1, cout);
        String bias = n.input(2).isEmpty() ? null : n.input(2);
        if (groups > 1 && groups == cin && cout == cin) {
            if (in == null) {
                // Its filters are its input channels: without following them, removing a filter breaks the input.
                c.block(out.tensor(), "depthwise Conv '" + n.displayName() + "' reads channels PruneScope cannot"
                        + " follow, and each filter is tied to its input channel");
                return;
            }
            c.join(in, 0, out, 0, cout);
            c.couple(n, in.tensor(), "depthwise convolution: input channel k is output channel k");
            c.member(n, MemberRole.DEPTHWISE, out.tensor(), n.input(1), 0, 0);
        } else if (groups == 1) {
            if (in != null) {
                c.member(n, MemberRole.CONSUMER, in.tensor(), n.input(1), 1, 0);
            }
            c.member(n, MemberRole.PRODUCER, out.tensor(), n.input(1), 0, 0);
        } else if (cout % groups == 0) {
            int coutPerGroup = cout / groups;
            for (int g = 1; g < groups; g++) {
                c.join(out, 0, out, g * coutPerGroup, coutPerGroup);
            }
            c.couple(n, out.tensor(), "grouped convolution (" + groups + " groups): the same filter index goes in"
                    + " every group");
            c.member(n, MemberRole.PRODUCER, out.tensor(), n.input(1), 0, 0);
            if (in != null) {
                for (int g = 1; g < groups; g++) {
                    c.join(in, 0, in, g * cinPerGroup, cinPerGroup);
                }
                c.member(n, MemberRole.CONSUMER, in.tensor(), n.input(1), 1, cinPerGroup);
            }
        } else {
            c.blockInputs(n, "Conv '" + n.displayName() + "' has " + groups + " groups that do not divide its "
                    + cout + " filters");
            c.block(out.tensor(), "grouped Conv '" + n.displayName() + "' with uneven groups");
            return;
        }
        if (bias != null && c.constant(bias) != null) {
            c.member(n, MemberRole.FOLLOWER, out.tensor(), bias, 0, 0);
        }
    }

    /** Conv {@code W[Cout][Cin/g][k…]}; ConvTranspose {@code W[Cin][Cout/g][k…]} (rows are input channels). */
    static LayerSpec layout(Graph g, Node n, boolean transpose) {
        Optional<Tensor> w = Constants.floatWeight(g, n.input(1));
        if (w.isEmpty() || w.get().rank() < 3) {
            return null;
        }
        long[] d = w.get().dims();
        long groups = n.intAttr("group", 1);
        String bias = bias(g, n.input(2));
        if (transpose) {
            return new LayerSpec(LayerKind.CONV_TRANSPOSE, w.get(), 1, bias, d[1] * groups, d[0], groups, true);
        }
        return new LayerSpec(LayerKind.CONV, w.get(), 1, bias, d[0], d[1] * groups, groups, false);
    }

    static String bias(Graph g, String input) {
        if (input.isEmpty()) {
            return null;
        }
        return Constants.floatWeight(g, input).isPresent() ? Constants.constantName(g, input) : null;
    }
}
