package io.prunescope.ops;

import io.prunescope.model.DataType;
import io.prunescope.model.Node;

import java.util.Arrays;
import java.util.Set;

import static io.prunescope.ops.ShapeMath.*;

/** Pooling (windowed and global): per channel, so channel k in is channel k out. */
public final class PoolRule implements OpRule {

    @Override
    public Set<String> opTypes() {
        return Set.of("MaxPool", "AveragePool", "LpPool", "GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool");
    }

    @Override
    public boolean shapes(ShapeContext c) {
        if (c.n.opType().startsWith("Global")) {
            long[] s = c.in(0).clone();
            for (int i = 2; i < s.length; i++) {
                s[i] = 1;
            }
            c.out(0, s, c.type(0));
        } else {
            pool(c);
        }
        return true;
    }

    @Override
    public void coupling(CouplingContext c, Node n) {
        c.passThrough(n, n.input(0), n.output(0));
    }

    static void pool(ShapeContext c) {
        long[] x = c.in(0);
        int sp = x.length - 2;
        long[] k = c.n.intsAttr("kernel_shape");
        if (k == null || sp < 1) {
            throw c.error("needs kernel_shape and an input of rank at least 3, got " + c.fmt(0));
        }
        long[] out = x.clone();
        long[] spatial = windowOutput(c, Arrays.copyOfRange(x, 2, x.length), k, sp, true);
        System.arraycopy(spatial, 0, out, 2, sp);
        c.out(0, out, c.type(0));
        if (c.n.outputs().size() > 1) {
            c.out(1, out, DataType.INT64);
        }
    }
}
