package io.prunescope.ops;

import io.prunescope.model.Node;

import java.util.Arrays;
import java.util.Set;

import static io.prunescope.ops.ShapeMath.*;

/** Pad: fine unless it pads the channel axis (or its pads are computed). */
public final class PadRule implements OpRule {

    @Override
    public Set<String> opTypes() {
        return Set.of("Pad");
    }

    @Override
    public boolean shapes(ShapeContext c) {
        pad(c);
        return true;
    }

    @Override
    public void coupling(CouplingContext c, Node n) {
        pad(c, n);
    }

    static void pad(ShapeContext c) {
        long[] x = c.in(0);
        long[] pads = c.n.intsAttr("pads");
        if (pads == null) {
            pads = c.n.intsAttr("paddings");
        }
        if (pads == null) {
            pads = c.longs(1);
            if (pads == null) {
                c.needValue(1);
                return;
            }
        }
        long[] axes = null;
        if (c.present(3)) {
            axes = c.longs(3);
            if (axes == null) {
                c.needValue(3);
                return;
            }
        }
        if (axes == null) {
            axes = new long[x.length];
            for (int i = 0; i < x.length; i++) {
                axes[i] = i;
            }
        }
        if (pads.length != 2 * axes.length) {
            throw c.error("pads " + Arrays.toString(pads) + " do not fit input " + c.fmt(0));
        }
        long[] out = x.clone();
        for (int i = 0; i < axes.length; i++) {
            int a = normAxis(c, axes[i], x.length);
            out[a] = x[a] + pads[i] + pads[i + axes.length];
        }
        c.out(0, out, c.type(0));
    }

    static void pad(CouplingContext c, Node n) {
        ChannelSpace in = c.space(n.input(0));
        if (in == null) {
            return;
        }
        long[] pads = n.intsAttr("pads");
        if (pads == null && c.constant(n.input(1)) != null) {
            pads = c.constant(n.input(1)).toLongs();
        }
        int rank = pads == null ? 0 : pads.length / 2;
        if (pads == null || pads[in.axis()] != 0 || pads[in.axis() + rank] != 0) {
            c.block(in.tensor(), "Pad '" + n.displayName() + "' may pad the channel axis");
            return;
        }
        c.passThrough(n, n.input(0), n.output(0));
    }
}
