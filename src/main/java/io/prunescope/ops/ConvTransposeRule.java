package io.prunescope.ops;

import io.prunescope.model.Graph;
import io.prunescope.model.Node;
import io.prunescope.model.Shapes;
import io.prunescope.model.Tensor;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import static io.prunescope.ops.ShapeMath.*;

/** ConvTranspose: {@code W[Cin][Cout/g][k…]}; only ungrouped ones are coupled (grouped ones block). */
public final class ConvTransposeRule implements OpRule {

    @Override
    public Set<String> opTypes() {
        return Set.of("ConvTranspose");
    }

    @Override
    public boolean shapes(ShapeContext c) {
        convTranspose(c);
        return true;
    }

    @Override
    public void coupling(CouplingContext c, Node n) {
        convTranspose(c, n);
    }

    @Override
    public long macs(Node n, Map<String, long[]> shapes) {
        long[] w = shapes.get(n.input(1));
        long[] x = shapes.get(n.input(0));
        if (w == null || x == null || x.length < 3) {
            return 0;
        }
        // N · Cin · (Cout/g) · ∏k · ∏in
        return Shapes.numel(w) * x[0] * Shapes.numel(Arrays.copyOfRange(x, 2, x.length));
    }

    @Override
    public int[] weightInputs(Graph g, Node n) {
        return new int[]{1, 2};
    }

    @Override
    public LayerSpec prunable(Graph g, Node n) {
        return ConvRule.layout(g, n, true);
    }

    static void convTranspose(ShapeContext c) {
        long[] x = c.in(0);
        long[] w = c.in(1);
        if (x.length < 3 || w.length != x.length) {
            throw c.error("input " + c.fmt(0) + " and weight " + c.fmt(1) + " must have the same rank (at least 3)");
        }
        long group = c.n.intAttr("group", 1);
        if (x[1] != w[0]) {
            throw c.error("input " + c.fmt(0) + " has " + x[1] + " channels but weight " + c.fmt(1)
                    + " expects " + w[0]);
        }
        int sp = x.length - 2;
        long[] k = c.ints("kernel_shape", Arrays.copyOfRange(w, 2, w.length));
        long[] strides = c.ints("strides", fill(sp, 1));
        long[] dil = c.ints("dilations", fill(sp, 1));
        long[] pads = c.ints("pads", fill(2 * sp, 0));
        long[] outPad = c.ints("output_padding", fill(sp, 0));
        long[] outShape = c.n.intsAttr("output_shape");
        String autoPad = c.n.stringAttr("auto_pad", "NOTSET");
        long[] out = new long[x.length];
        out[0] = x[0];
        out[1] = w[1] * group;
        for (int i = 0; i < sp; i++) {
            long o;
            if (outShape != null) {
                o = outShape[outShape.length - sp + i];
            } else if (autoPad.startsWith("SAME")) {
                o = x[2 + i] * strides[i];
            } else {
                o = strides[i] * (x[2 + i] - 1) + outPad[i] + ((k[i] - 1) * dil[i] + 1) - pads[i] - pads[i + sp];
            }
            if (o <= 0) {
                throw c.error("output spatial dimension " + i + " would be " + o);
            }
            out[2 + i] = o;
        }
        c.out(0, out, c.type(0));
    }

    static void convTranspose(CouplingContext c, Node n) {
        ChannelSpace in = c.space(n.input(0));
        Tensor w = c.constant(n.input(1));
        if (w == null || w.rank() < 3 || n.intAttr("group", 1) != 1) {
            c.blockInputs(n, "ConvTranspose '" + n.displayName() + "' is grouped or computes its weight");
            return;
        }
        ChannelSpace out = c.newSpace(n.output(0), 1, (int) w.dim(1));
        if (in != null) {
            c.member(n, MemberRole.CONSUMER, in.tensor(), n.input(1), 0, 0);
        }
        c.member(n, MemberRole.PRODUCER, out.tensor(), n.input(1), 1, 0);
        if (!n.input(2).isEmpty() && c.constant(n.input(2)) != null) {
            c.member(n, MemberRole.FOLLOWER, out.tensor(), n.input(2), 0, 0);
        }
    }
}
