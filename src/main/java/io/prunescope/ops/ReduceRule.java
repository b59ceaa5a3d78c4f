package io.prunescope.ops;

import io.prunescope.model.DataType;
import io.prunescope.model.Node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static io.prunescope.ops.ShapeMath.*;

/** Reduce* over axes other than the channel axis keep the channels (their axis moves when dims go);
 * a reduction across channels blocks. ArgMax/ArgMin give indices, which PruneScope does not follow. */
public final class ReduceRule implements OpRule {

    @Override
    public Set<String> opTypes() {
        return Set.of("ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1", "ReduceL2",
                "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare", "ArgMax", "ArgMin");
    }

    @Override
    public boolean shapes(ShapeContext c) {
        if (c.n.opType().startsWith("Arg")) {
            argReduce(c);
        } else {
            reduce(c);
        }
        return true;
    }

    @Override
    public void coupling(CouplingContext c, Node n) {
        if (n.opType().startsWith("Arg")) {
            c.blockInputs(n, n.opType() + " '" + n.displayName() + "' outputs indices, not channel values");
        } else {
            reduce(c, n);
        }
    }

    static void reduce(ShapeContext c) {
        long[] x = c.in(0);
        long[] axes = c.n.intsAttr("axes");
        if (axes == null && c.present(1)) {
            axes = c.longs(1);
            if (axes == null) {
                c.needValue(1);
                return;
            }
        }
        boolean keep = c.n.intAttr("keepdims", 1) != 0;
        boolean noopEmpty = c.n.intAttr("noop_with_empty_axes", 0) != 0;
        boolean[] reduced = new boolean[x.length];
        if (axes == null || axes.length == 0) {
            if (noopEmpty) {
                c.out(0, x, c.type(0));
                c.passValue();
                return;
            }
            Arrays.fill(reduced, true);
        } else {
            for (long a : axes) {
                reduced[normAxis(c, a, x.length)] = true;
            }
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (!reduced[i]) {
                out.add(x[i]);
            } else if (keep) {
                out.add(1L);
            }
        }
        long[] s = out.stream().mapToLong(Long::longValue).toArray();
        c.out(0, s, c.type(0));
        double[] v = c.val(0);
        if (v != null && x.length == 1 && reduced[0]) {
            double r = switch (c.n.opType()) {
                case "ReduceSum" -> Arrays.stream(v).sum();
                case "ReduceProd" -> Arrays.stream(v).reduce(1, (p, q) -> p * q);
                case "ReduceMax" -> Arrays.stream(v).max().orElse(Double.NEGATIVE_INFINITY);
                case "ReduceMin" -> Arrays.stream(v).min().orElse(Double.POSITIVE_INFINITY);
                default -> Double.NaN;
            };
            if (!Double.isNaN(r)) {
                c.value(0, new double[]{r});
            }
        }
    }

    static void argReduce(ShapeContext c) {
        long[] x = c.in(0);
        int axis = normAxis(c, c.n.intAttr("axis", 0), x.length);
        boolean keep = c.n.intAttr("keepdims", 1) != 0;
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (i != axis) {
                out.add(x[i]);
            } else if (keep) {
                out.add(1L);
            }
        }
        c.out(0, out.stream().mapToLong(Long::longValue).toArray(), DataType.INT64);
    }

    static void reduce(CouplingContext c, Node n) {
        ChannelSpace in = c.space(n.input(0));
        long[] shape = c.shape(n.input(0));
        if (in == null) {
            return;
        }
        long[] axes = n.intsAttr("axes");
        if (axes == null && !n.input(1).isEmpty() && c.constant(n.input(1)) != null) {
            axes = c.constant(n.input(1)).toLongs();
        }
        if (axes == null || shape == null) {
            c.block(in.tensor(), n.opType() + " '" + n.displayName() + "' reduces over all axes");
            return;
        }
        int removedBefore = 0;
        for (long ax : axes) {
            long a = ax < 0 ? ax + shape.length : ax;
            if (a == in.axis()) {
                c.block(in.tensor(), n.opType() + " '" + n.displayName() + "' reduces across channels");
                return;
            }
            if (a < in.axis()) {
                removedBefore++;
            }
        }
        boolean keep = n.intAttr("keepdims", 1) != 0;
        c.passThroughTo(n, in, n.output(0), keep ? in.axis() : in.axis() - removedBefore);
    }
}
