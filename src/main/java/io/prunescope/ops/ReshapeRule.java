package io.prunescope.ops;

import io.prunescope.model.Graph;
import io.prunescope.model.ModelEdit;
import io.prunescope.model.Node;
import io.prunescope.model.Shapes;
import io.prunescope.model.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.prunescope.ops.ShapeMath.*;

/**
 * Reshape, Flatten, Squeeze, Unsqueeze. Channels keep their meaning when the data before and after the channel axis
 * is unchanged; a flatten of {@code [N, C, d…]} fans channel c out to features {@code c·∏d …}; a channel shuffle
 * (Reshape to groups → Transpose → Reshape back) is a permutation followed by {@link ChannelShuffle}. Anything
 * else that splits or merges the channel axis blocks the group. A Reshape's constant target follows the pruned count.
 */
public final class ReshapeRule implements OpRule {

    @Override
    public Set<String> opTypes() {
        return Set.of("Reshape", "Flatten", "Squeeze", "Unsqueeze");
    }

    @Override
    public boolean shapes(ShapeContext c) {
        switch (c.n.opType()) {
            case "Reshape" -> reshape(c);
            case "Flatten" -> flatten(c);
            case "Squeeze" -> squeeze(c);
            default -> unsqueeze(c);
        }
        return true;
    }

    @Override
    public void coupling(CouplingContext c, Node n) {
        if (n.opType().equals("Flatten")) {
            flatten(c, n);
        } else {
            reshapeLike(c, n);
        }
    }

    static void reshape(ShapeContext c) {
        long[] x = c.in(0);
        long[] target = c.n.intsAttr("shape"); // c.opset() < 5
        if (target == null) {
            target = c.longs(1);
            if (target == null) {
                c.needValue(1);
                return;
            }
        }
        boolean allowZero = c.n.intAttr("allowzero", 0) != 0;
        long[] out = target.clone();
        int minus = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0 && !allowZero) {
                if (i >= x.length) {
                    throw c.error("shape " + Arrays.toString(target) + " copies dimension " + i
                            + " that input " + c.fmt(0) + " does not have");
                }
                out[i] = x[i];
            }
            if (out[i] == -1) {
                if (minus >= 0) {
                    throw c.error("shape " + Arrays.toString(target) + " has more than one -1");
                }
                minus = i;
            } else if (out[i] < 0) {
                throw c.error("shape " + Arrays.toString(target) + " has a negative dimension");
            } else {
                known *= out[i];
            }
        }
        long numel = Shapes.numel(x);
        if (minus >= 0) {
            if (known == 0 || numel % known != 0) {
                throw c.error("cannot reshape " + c.fmt(0) + " to " + Arrays.toString(target));
            }
            out[minus] = numel / known;
        } else if (known != numel) {
            throw c.error("cannot reshape " + c.fmt(0) + " (" + numel + " elements) to "
                    + Arrays.toString(target) + " (" + known + " elements)");
        }
        c.out(0, out, c.type(0));
        c.passValue();
    }

    static void flatten(ShapeContext c) {
        long[] x = c.in(0);
        int axis = (int) c.n.intAttr("axis", 1);
        if (axis < 0) {
            axis += x.length;
        }
        if (axis < 0 || axis > x.length) {
            throw c.error("axis " + c.n.intAttr("axis", 1) + " is outside rank " + x.length);
        }
        c.out(0, new long[]{Shapes.numel(Arrays.copyOfRange(x, 0, axis)),
                Shapes.numel(Arrays.copyOfRange(x, axis, x.length))}, c.type(0));
        c.passValue();
    }

    static void squeeze(ShapeContext c) {
        long[] x = c.in(0);
        long[] axes = c.n.intsAttr("axes");
        if (axes == null && c.present(1)) {
            axes = c.longs(1);
            if (axes == null) {
                c.needValue(1);
                return;
            }
        }
        boolean[] drop = new boolean[x.length];
        if (axes == null) {
            for (int i = 0; i < x.length; i++) {
                drop[i] = x[i] == 1;
            }
        } else {
            for (long a : axes) {
                int i = normAxis(c, a, x.length);
                if (x[i] != 1) {
                    throw c.error("cannot squeeze axis " + a + " of " + c.fmt(0) + ": its size is not 1");
                }
                drop[i] = true;
            }
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (!drop[i]) {
                out.add(x[i]);
            }
        }
        c.out(0, out.stream().mapToLong(Long::longValue).toArray(), c.type(0));
        c.passValue();
    }

    static void unsqueeze(ShapeContext c) {
        long[] x = c.in(0);
        long[] axes = c.n.intsAttr("axes");
        if (axes == null) {
            axes = c.longs(1);
            if (axes == null) {
                c.needValue(1);
                return;
            }
        }
        int rank = x.length + axes.length;
        boolean[] inserted = new boolean[rank];
        for (long a : axes) {
            int i = normAxis(c, a, rank);
            if (inserted[i]) {
                throw c.error("axis " + a + " given twice");
            }
            inserted[i] = true;
        }
        long[] out = new long[rank];
        int j = 0;
        for (int i = 0; i < rank; i++) {
            out[i] = inserted[i] ? 1 : x[j++];
        }
        c.out(0, out, c.type(0));
        c.passValue();
    }

    static void flatten(CouplingContext c, Node n) {
        ChannelSpace in = c.space(n.input(0));
        long[] inShape = c.shape(n.input(0));
        if (in == null) {
            return;
        }
        if (inShape == null || n.intAttr("axis", 1) != 1 || in.axis() != 1) {
            c.block(in.tensor(), "Flatten '" + n.displayName() + "' does not flatten from the channel axis");
            return;
        }
        c.fanOut(n, in, inShape, n.output(0), 1);
    }

    static void reshapeLike(CouplingContext c, Node n) {
        ChannelSpace in = c.space(n.input(0));
        if (in == null) {
            return;
        }
        long[] a = c.shape(n.input(0));
        long[] b = c.shape(n.output(0));
        if (a == null || b == null) {
            c.block(in.tensor(), n.opType() + " '" + n.displayName() + "' has unknown shapes");
            return;
        }
        long before = ShapeMath.product(a, 0, in.axis());
        long after = ShapeMath.product(a, in.axis() + 1, a.length);
        // Same channels on some axis of the output, with the same amount of data before and after it.
        for (int j = 0; j < b.length; j++) {
            if (b[j] == in.channels() && ShapeMath.product(b, 0, j) == before && ShapeMath.product(b, j + 1, b.length) == after) {
                ChannelSpace out = c.passThroughTo(n, in, n.output(0), j);
                if (out != null && n.opType().equals("Reshape")) {
                    c.member(n, MemberRole.RESHAPE, out.tensor(), n.input(1), j, 0);
                }
                return;
            }
        }
        // Flatten-like: [N, C, d...] -> [N, C·d...].
        if (b.length == in.axis() + 1 && ShapeMath.product(b, 0, in.axis()) == before && b[in.axis()] == in.channels() * after) {
            c.fanOut(n, in, a, n.output(0), in.axis());
            if (n.opType().equals("Reshape")) {
                c.member(n, MemberRole.RESHAPE, n.output(0), n.input(1), in.axis(), 0);
            }
            return;
        }
        if (n.opType().equals("Reshape") && ChannelShuffle.channelShuffle(c, n, in, a, b)) {
            return;
        }
        c.block(in.tensor(), n.opType() + " '" + n.displayName() + "' splits or merges the channel axis ("
                + Shapes.format(a) + " → " + Shapes.format(b) + "), e.g. a channel shuffle or a detection head");
        tagDetectHead(c, n, in, b);
    }

    /** YOLO-style detection heads: a conv whose channels are reshaped into anchors × (classes + 5). */
    static void tagDetectHead(CouplingContext c, Node reshape, ChannelSpace in, long[] outShape) {
        if (outShape.length >= 5 && c.graph().producer(in.tensor()).map(p -> p.opType().equals("Conv")).orElse(false)) {
            c.blockInstead(in.tensor(), "output conv of a detection head: its channels are anchors × (classes + 5),"
                    + " reshaped by '" + reshape.displayName() + "'");
        }
    }

    @Override
    public void editShapeInputs(ShapeEdit e, ModelEdit edit) {
        Graph graph = e.graph();
        BitSet removed = e.removed();
        Node n = e.node();
        boolean constant = graph.isConstant(n.input(1));
        // A target computed from Shape follows the pruned tensor at run time (torch's view(n, g, c // g, h, w));
        // one computed from constants only (a traced export without folding) stays fixed and must be pinned.
        if (!constant && readsRuntimeShape(graph, n.input(1), new java.util.HashSet<>())) {
            return;
        }
        long[] values = e.knownLongs(n.input(1)).orElse(null);
        if (values == null) {
            return;
        }
        int j = e.axis();
        if (j >= values.length || values[j] <= 0) {
            return;
        }
        long[] outShape = e.shapes().get(n.output(0));
        // A channel shuffle's first Reshape names the per-group count: it loses removed / groups (Member.modulo).
        values[j] = outShape[j] - removed.cardinality() / Math.max(1, e.modulo());
        if (constant) {
            edit.replaceTensor(Tensor.ofLongs(n.input(1), graph.constants().get(n.input(1)).dims(), values));
        } else {
            SliceRule.setLongs(graph, n, 1, values, edit);
        }
    }

    /** True when the tensor's value is computed from a Shape (or Size) of some tensor, or from a graph input. */
    static boolean readsRuntimeShape(Graph graph, String tensor, java.util.Set<String> seen) {
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
}
