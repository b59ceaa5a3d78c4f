package io.prunescope.ops;

import io.prunescope.model.DataType;
import io.prunescope.model.Node;
import io.prunescope.model.Shapes;

import java.util.Arrays;
import java.util.Set;

import static io.prunescope.ops.ShapeContext.MAX_VALUE_ELEMENTS;
import static io.prunescope.ops.ShapeMath.*;

/**
 * Ops that move values between positions by index or pattern (Gather, GatherElements, Expand, Tile,
 * DepthToSpace, SpaceToDepth, TopK): shapes are known, channels are not followed through them.
 */
public final class DataMovementRule implements OpRule {

    @Override
    public Set<String> opTypes() {
        return Set.of("Gather", "GatherElements", "Expand", "Tile", "DepthToSpace", "SpaceToDepth", "TopK");
    }

    @Override
    public boolean shapes(ShapeContext c) {
        switch (c.n.opType()) {
            case "Gather" -> gather(c);
            case "GatherElements" -> c.out(0, c.in(1), c.type(0));
            case "Expand" -> expand(c);
            case "Tile" -> tile(c);
            case "TopK" -> topK(c);
            default -> depthSpace(c);
        }
        return true;
    }

    @Override
    public void coupling(CouplingContext c, Node n) {
        c.blockInputs(n, n.opType() + " '" + n.displayName() + "' moves values between positions by index or"
                + " pattern: its channels cannot be followed");
    }

    static void gather(ShapeContext c) {
        long[] data = c.in(0);
        long[] idx = c.in(1);
        int axis = normAxis(c, c.n.intAttr("axis", 0), data.length);
        long[] out = new long[data.length - 1 + idx.length];
        int p = 0;
        for (int i = 0; i < axis; i++) {
            out[p++] = data[i];
        }
        for (long d : idx) {
            out[p++] = d;
        }
        for (int i = axis + 1; i < data.length; i++) {
            out[p++] = data[i];
        }
        c.out(0, out, c.type(0));
        double[] v = c.val(0);
        long[] ix = c.longs(1);
        if (v != null && ix != null && Shapes.numel(out) <= MAX_VALUE_ELEMENTS) {
            long outer = Shapes.numel(Arrays.copyOfRange(data, 0, axis));
            long inner = Shapes.numel(Arrays.copyOfRange(data, axis + 1, data.length));
            long dim = data[axis];
            double[] r = new double[(int) Shapes.numel(out)];
            int q = 0;
            for (long o = 0; o < outer; o++) {
                for (long k : ix) {
                    long kk = k < 0 ? k + dim : k;
                    if (kk < 0 || kk >= dim) {
                        throw c.error("index " + k + " is out of range for dimension " + axis + " of " + c.fmt(0));
                    }
                    for (long in = 0; in < inner; in++) {
                        r[q++] = v[(int) ((o * dim + kk) * inner + in)];
                    }
                }
            }
            c.value(0, r);
        }
    }

    static void expand(ShapeContext c) {
        long[] target = c.longs(1);
        if (target == null) {
            c.needValue(1);
            return;
        }
        long[] s = broadcast(c, c.in(0), target);
        c.out(0, s, c.type(0));
        double[] v = c.val(0);
        if (v != null && Shapes.numel(s) <= MAX_VALUE_ELEMENTS) {
            c.value(0, broadcastApply(s, c.in(0), v, new long[0], new double[]{0}, (a, b) -> a));
        }
    }

    static void tile(ShapeContext c) {
        long[] x = c.in(0);
        long[] reps = c.longs(1);
        if (reps == null) {
            c.needValue(1);
            return;
        }
        if (reps.length != x.length) {
            throw c.error("repeats " + Arrays.toString(reps) + " do not match rank of " + c.fmt(0));
        }
        long[] out = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * reps[i];
        }
        c.out(0, out, c.type(0));
    }

    static void topK(ShapeContext c) {
        long[] x = c.in(0);
        long k;
        if (c.present(1)) {
            long[] kv = c.longs(1);
            if (kv == null) {
                c.needValue(1);
                return;
            }
            k = kv[0];
        } else {
            k = c.n.intAttr("k", 1);
        }
        int axis = normAxis(c, c.n.intAttr("axis", -1), x.length);
        long[] out = x.clone();
        out[axis] = Math.min(k, x[axis]);
        c.out(0, out, c.type(0));
        c.out(1, out, DataType.INT64);
    }

    static void depthSpace(ShapeContext c) {
        long[] x = c.in(0);
        long b = c.n.intAttr("blocksize", 1);
        if (x.length != 4) {
            throw c.error("input " + c.fmt(0) + " must be 4-D");
        }
        long[] out = c.n.opType().equals("DepthToSpace")
                ? new long[]{x[0], x[1] / (b * b), x[2] * b, x[3] * b}
                : new long[]{x[0], x[1] * b * b, x[2] / b, x[3] / b};
        c.out(0, out, c.type(0));
    }
}
