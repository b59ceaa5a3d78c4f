package io.prunescope.ops;

import io.prunescope.model.Node;

import java.util.Arrays;
import java.util.Set;

import static io.prunescope.ops.ShapeMath.*;

/** Transpose: the channel axis moves to wherever the permutation puts it. */
public final class TransposeRule implements OpRule {

    @Override
    public Set<String> opTypes() {
        return Set.of("Transpose");
    }

    @Override
    public boolean shapes(ShapeContext c) {
        transpose(c);
        return true;
    }

    @Override
    public void coupling(CouplingContext c, Node n) {
        transpose(c, n);
    }

    static void transpose(ShapeContext c) {
        long[] x = c.in(0);
        long[] perm = c.n.intsAttr("perm");
        if (perm == null) {
            perm = new long[x.length];
            for (int i = 0; i < x.length; i++) {
                perm[i] = x.length - 1 - i;
            }
        }
        if (perm.length != x.length) {
            throw c.error("perm " + Arrays.toString(perm) + " does not fit input " + c.fmt(0));
        }
        long[] out = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            int p = (int) (perm[i] < 0 ? perm[i] + x.length : perm[i]);
            out[i] = x[p];
        }
        c.out(0, out, c.type(0));
        if (x.length <= 1) {
            c.passValue();
        }
    }

    static void transpose(CouplingContext c, Node n) {
        ChannelSpace in = c.space(n.input(0));
        if (in == null) {
            return;
        }
        long[] perm = n.intsAttr("perm");
        long[] shape = c.shape(n.input(0));
        if (perm == null && shape != null) {
            perm = new long[shape.length];
            for (int i = 0; i < perm.length; i++) {
                perm[i] = perm.length - 1 - i;
            }
        }
        if (perm == null) {
            c.block(in.tensor(), "Transpose '" + n.displayName() + "' has an unknown permutation");
            return;
        }
        for (int j = 0; j < perm.length; j++) {
            if (perm[j] == in.axis()) {
                c.passThroughTo(n, in, n.output(0), j);
                return;
            }
        }
    }
}
