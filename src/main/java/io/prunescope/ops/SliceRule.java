package io.prunescope.ops;

import io.prunescope.model.Attribute;
import io.prunescope.model.Graph;
import io.prunescope.model.ModelEdit;
import io.prunescope.model.Node;
import io.prunescope.model.Tensor;

import java.util.BitSet;
import java.util.Set;

import static io.prunescope.ops.ShapeMath.*;

/**
 * Slice: along channels the output is a contiguous range (step 1) of the input's channels; its bounds follow the
 * pruned counts, pinned to constants when the exporter computed them from shapes (torch's chunk on a dynamic axis).
 */
public final class SliceRule implements OpRule {

    @Override
    public Set<String> opTypes() {
        return Set.of("Slice");
    }

    @Override
    public boolean shapes(ShapeContext c) {
        slice(c);
        return true;
    }

    @Override
    public void coupling(CouplingContext c, Node n) {
        slice(c, n);
    }

    static void slice(ShapeContext c) {
        long[] x = c.in(0);
        long[] starts;
        long[] ends;
        long[] axes;
        long[] steps = null;
        if (c.n.intsAttr("starts") != null) {
            starts = c.n.intsAttr("starts");
            ends = c.n.intsAttr("ends");
            axes = c.n.intsAttr("axes");
        } else {
            starts = c.longs(1);
            ends = c.longs(2);
            axes = c.present(3) ? c.longs(3) : null;
            if (c.present(4)) {
                steps = c.longs(4);
                if (steps == null) {
                    c.needValue(4);
                    return;
                }
            }
            if (starts == null || ends == null || (c.present(3) && axes == null)) {
                c.needValue(starts == null ? 1 : ends == null ? 2 : 3);
                return;
            }
        }
        if (ends == null || starts.length != ends.length) {
            throw c.error("starts and ends have different lengths");
        }
        if (axes == null) {
            axes = new long[starts.length];
            for (int i = 0; i < axes.length; i++) {
                axes[i] = i;
            }
        }
        if (steps == null) {
            steps = fill(starts.length, 1);
        }
        long[] out = x.clone();
        long[] begin = new long[x.length];
        long[] step = fill(x.length, 1);
        for (int i = 0; i < starts.length; i++) {
            int a = normAxis(c, axes[i], x.length);
            long dim = x[a];
            long st = steps[i];
            if (st == 0) {
                throw c.error("slice step 0");
            }
            long s = starts[i] < 0 ? starts[i] + dim : starts[i];
            long e = ends[i] < 0 ? ends[i] + dim : ends[i];
            if (st > 0) {
                s = clamp(s, 0, dim);
                e = clamp(e, 0, dim);
            } else {
                s = clamp(s, 0, dim - 1);
                e = clamp(e, -1, dim - 1);
            }
            long len = st > 0 ? ceilDiv(Math.max(0, e - s), st) : ceilDiv(Math.max(0, s - e), -st);
            out[a] = len;
            begin[a] = s;
            step[a] = st;
        }
        c.out(0, out, c.type(0));
        double[] v = c.val(0);
        if (v != null && x.length == 1) {
            double[] r = new double[(int) out[0]];
            for (int i = 0; i < r.length; i++) {
                r[i] = v[(int) (begin[0] + i * step[0])];
            }
            c.value(0, r);
        }
    }

    static void slice(CouplingContext c, Node n) {
        ChannelSpace in = c.space(n.input(0));
        long[] inShape = c.shape(n.input(0));
        long[] outShape = c.shape(n.output(0));
        if (in == null) {
            return;
        }
        if (inShape == null || outShape == null) {
            c.block(in.tensor(), "Slice '" + n.displayName() + "' has unknown shapes");
            return;
        }
        if (inShape[in.axis()] == outShape[in.axis()]) {
            c.passThrough(n, in.tensor(), n.output(0));
            return;
        }
        SliceRange r = SliceRange.of(n, in.axis(), inShape, c.graph(), c::knownLongs);
        if (r == null || r.step() != 1) {
            c.block(in.tensor(), "Slice '" + n.displayName() + "' cuts the channel axis in a way PruneScope cannot"
                    + " follow (computed bounds or a step)");
            return;
        }
        int count = (int) outShape[in.axis()];
        ChannelSpace out = c.newSpace(n.output(0), in.axis(), count);
        c.join(in, (int) r.start(), out, 0, count);
        c.member(n, MemberRole.SLICE, in.tensor(), null, in.axis(), 0);
        c.couple(n, in.tensor(), "Slice along channels: the output is channels " + r.start() + ".."
                + (r.start() + count - 1) + " of the input");
    }

    @Override
    public void editShapeInputs(ShapeEdit e, ModelEdit edit) {
        Graph graph = e.graph();
        BitSet removed = e.removed();
        Node n = e.node();
        long[] in = e.shapes().get(e.tensor());
        long[] out = e.shapes().get(n.output(0));
        int axis = e.axis();
        long start = findStart(e, n, axis, in);
        long count = out[axis];
        long newStart = start - removed.get(0, (int) start).cardinality();
        long newEnd = newStart + count - removed.get((int) start, (int) (start + count)).cardinality();
        if (n.intsAttr("starts") != null) {
            edit.setAttribute(n.index(), "starts", replaceAt(n.intsAttr("starts"), n.intsAttr("axes"), axis, newStart));
            edit.setAttribute(n.index(), "ends", replaceAt(n.intsAttr("ends"), n.intsAttr("axes"), axis, newEnd));
            return;
        }
        long[] axes = n.input(3).isEmpty() ? null : e.knownLongs(n.input(3)).orElseThrow();
        long[] starts = e.knownLongs(n.input(1)).orElseThrow();
        long[] ends = e.knownLongs(n.input(2)).orElseThrow();
        int k = position(axes, starts.length, axis, in.length);
        starts[k] = newStart;
        ends[k] = newEnd;
        setLongs(graph, n, 1, starts, edit);
        setLongs(graph, n, 2, ends, edit);
    }

    /**
     * Writes new Slice bounds: into the constant when there is one, else (bounds computed from shapes, as torch
     * writes {@code chunk} with a dynamic axis) into a new constant the Slice reads instead, since the computation
     * would split the pruned tensor evenly and the pruned parts are not even.
     */
    static void setLongs(Graph graph, Node n, int input, long[] values, ModelEdit edit) {
        String name = n.input(input);
        if (graph.isConstant(name)) {
            edit.replaceTensor(Tensor.ofLongs(name, new long[]{values.length}, values));
        } else {
            edit.setConstantInput(n.index(), input, Tensor.ofLongs("prunescope_" + n.index() + "_" + input + "_"
                    + name, new long[]{values.length}, values));
        }
    }

    static long findStart(ShapeEdit e, Node n, int axis, long[] in) {
        long[] starts = n.intsAttr("starts");
        long[] axes = n.intsAttr("axes");
        if (starts == null) {
            starts = e.knownLongs(n.input(1)).orElseThrow();
            axes = n.input(3).isEmpty() ? null : e.knownLongs(n.input(3)).orElseThrow();
        }
        long s = starts[position(axes, starts.length, axis, in.length)];
        if (s < 0) {
            s += in[axis];
        }
        return Math.max(0, Math.min(s, in[axis]));
    }

    static int position(long[] axes, int count, int axis, int rank) {
        for (int i = 0; i < count; i++) {
            long a = axes == null ? i : axes[i];
            if (a < 0) {
                a += rank;
            }
            if (a == axis) {
                return i;
            }
        }
        throw new IllegalStateException("slice does not cut axis " + axis);
    }

    static Attribute.IntList replaceAt(long[] values, long[] axes, int axis, long v) {
        long[] copy = values.clone();
        copy[position(axes, copy.length, axis, Integer.MAX_VALUE)] = v;
        return Attribute.IntList.of(copy);
    }
}
