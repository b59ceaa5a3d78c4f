package io.prunescope.prune;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.dependency.Member;
import io.prunescope.model.Attribute;
import io.prunescope.model.Graph;
import io.prunescope.model.ModelEdit;
import io.prunescope.model.Node;
import io.prunescope.model.Tensor;

import java.util.BitSet;

/** Rewrites the shape-bearing constants and attributes of Split, Slice and Reshape after channels are removed. */
final class SplitEdits {

    private SplitEdits() {
    }

    static void apply(Graph graph, ModelAnalysis analysis, Member m, BitSet removed, ModelEdit edit) {
        Node n = m.node();
        long[] sizes = new long[n.outputs().size()];
        int offset = 0;
        for (int i = 0; i < sizes.length; i++) {
            long[] s = analysis.shapes().get(n.output(i));
            int c = (int) s[m.axis()];
            sizes[i] = c - removed.get(offset, offset + c).cardinality();
            offset += c;
        }
        if (n.intsAttr("split") != null) {
            edit.setAttribute(n.index(), "split", Attribute.IntList.of(sizes));
        } else if (!n.input(1).isEmpty() && graph.isConstant(n.input(1))) {
            edit.replaceTensor(Tensor.ofLongs(n.input(1), new long[]{sizes.length}, sizes));
        } else {
            throw new PlanException("Split '" + n.displayName() + "' splits channels evenly; after pruning its"
                    + " parts differ and PruneScope cannot yet add explicit split sizes: protect this group");
        }
    }

    static void applySlice(Graph graph, ModelAnalysis analysis, Member m, BitSet removed, ModelEdit edit) {
        Node n = m.node();
        long[] in = analysis.shapes().get(m.tensor());
        long[] out = analysis.shapes().get(n.output(0));
        int axis = m.axis();
        long start = findStart(graph, n, axis, in);
        long count = out[axis];
        long newStart = start - removed.get(0, (int) start).cardinality();
        long newEnd = newStart + count - removed.get((int) start, (int) (start + count)).cardinality();
        if (n.intsAttr("starts") != null) {
            edit.setAttribute(n.index(), "starts", replaceAt(n.intsAttr("starts"), n.intsAttr("axes"), axis, newStart));
            edit.setAttribute(n.index(), "ends", replaceAt(n.intsAttr("ends"), n.intsAttr("axes"), axis, newEnd));
            return;
        }
        long[] axes = n.input(3).isEmpty() ? null : graph.constants().get(n.input(3)).toLongs();
        long[] starts = graph.constants().get(n.input(1)).toLongs();
        long[] ends = graph.constants().get(n.input(2)).toLongs();
        int k = position(axes, starts.length, axis, in.length);
        starts[k] = newStart;
        ends[k] = newEnd;
        edit.replaceTensor(Tensor.ofLongs(n.input(1), new long[]{starts.length}, starts));
        edit.replaceTensor(Tensor.ofLongs(n.input(2), new long[]{ends.length}, ends));
    }

    static void applyReshape(Graph graph, ModelAnalysis analysis, Member m, BitSet removed, ModelEdit edit) {
        Node n = m.node();
        Tensor target = graph.constants().get(n.input(1));
        if (target == null) {
            return;
        }
        long[] values = target.toLongs();
        int j = m.axis();
        if (j >= values.length || values[j] <= 0) {
            return;
        }
        long[] outShape = analysis.shapes().get(n.output(0));
        values[j] = outShape[j] - removed.cardinality();
        edit.replaceTensor(Tensor.ofLongs(n.input(1), target.dims(), values));
    }

    private static long findStart(Graph graph, Node n, int axis, long[] in) {
        long[] starts = n.intsAttr("starts");
        long[] axes = n.intsAttr("axes");
        if (starts == null) {
            starts = graph.constants().get(n.input(1)).toLongs();
            axes = n.input(3).isEmpty() ? null : graph.constants().get(n.input(3)).toLongs();
        }
        long s = starts[position(axes, starts.length, axis, in.length)];
        if (s < 0) {
            s += in[axis];
        }
        return Math.max(0, Math.min(s, in[axis]));
    }

    private static int position(long[] axes, int count, int axis, int rank) {
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

    private static Attribute.IntList replaceAt(long[] values, long[] axes, int axis, long v) {
        long[] copy = values.clone();
        copy[position(axes, copy.length, axis, Integer.MAX_VALUE)] = v;
        return Attribute.IntList.of(copy);
    }
}
