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
        long start = findStart(analysis, n, axis, in);
        long count = out[axis];
        long newStart = start - removed.get(0, (int) start).cardinality();
        long newEnd = newStart + count - removed.get((int) start, (int) (start + count)).cardinality();
        if (n.intsAttr("starts") != null) {
            edit.setAttribute(n.index(), "starts", replaceAt(n.intsAttr("starts"), n.intsAttr("axes"), axis, newStart));
            edit.setAttribute(n.index(), "ends", replaceAt(n.intsAttr("ends"), n.intsAttr("axes"), axis, newEnd));
            return;
        }
        long[] axes = n.input(3).isEmpty() ? null : analysis.knownLongs(n.input(3)).orElseThrow();
        long[] starts = analysis.knownLongs(n.input(1)).orElseThrow();
        long[] ends = analysis.knownLongs(n.input(2)).orElseThrow();
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
    private static void setLongs(Graph graph, Node n, int input, long[] values, ModelEdit edit) {
        String name = n.input(input);
        if (graph.isConstant(name)) {
            edit.replaceTensor(Tensor.ofLongs(name, new long[]{values.length}, values));
        } else {
            edit.setConstantInput(n.index(), input, Tensor.ofLongs("prunescope_" + n.index() + "_" + input + "_"
                    + name, new long[]{values.length}, values));
        }
    }

    static void applyReshape(Graph graph, ModelAnalysis analysis, Member m, BitSet removed, ModelEdit edit) {
        Node n = m.node();
        boolean constant = graph.isConstant(n.input(1));
        // A target computed from Shape follows the pruned tensor at run time (torch's view(n, g, c // g, h, w));
        // one computed from constants only (a traced export without folding) stays fixed and must be pinned.
        if (!constant && readsRuntimeShape(graph, n.input(1), new java.util.HashSet<>())) {
            return;
        }
        long[] values = analysis.knownLongs(n.input(1)).orElse(null);
        if (values == null) {
            return;
        }
        int j = m.axis();
        if (j >= values.length || values[j] <= 0) {
            return;
        }
        long[] outShape = analysis.shapes().get(n.output(0));
        // A channel shuffle's first Reshape names the per-group count: it loses removed / groups (Member.modulo).
        values[j] = outShape[j] - removed.cardinality() / Math.max(1, m.modulo());
        if (constant) {
            edit.replaceTensor(Tensor.ofLongs(n.input(1), graph.constants().get(n.input(1)).dims(), values));
        } else {
            setLongs(graph, n, 1, values, edit);
        }
    }

    /** True when the tensor's value is computed from a Shape (or Size) of some tensor, or from a graph input. */
    private static boolean readsRuntimeShape(Graph graph, String tensor, java.util.Set<String> seen) {
        if (tensor.isEmpty() || !seen.add(tensor) || graph.isConstant(tensor)) {
            return false;
        }
        java.util.Optional<Node> p = graph.producer(tensor);
        if (p.isEmpty()) {
            return true; // a graph input
        }
        if (p.get().opType().equals("Shape") || p.get().opType().equals("Size")) {
            return true;
        }
        return p.get().inputs().stream().anyMatch(in -> readsRuntimeShape(graph, in, seen));
    }

    private static long findStart(ModelAnalysis analysis, Node n, int axis, long[] in) {
        long[] starts = n.intsAttr("starts");
        long[] axes = n.intsAttr("axes");
        if (starts == null) {
            starts = analysis.knownLongs(n.input(1)).orElseThrow();
            axes = n.input(3).isEmpty() ? null : analysis.knownLongs(n.input(3)).orElseThrow();
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
