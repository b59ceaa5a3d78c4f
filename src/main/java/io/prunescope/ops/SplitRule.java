package io.prunescope.ops;

import io.prunescope.model.Attribute;
import io.prunescope.model.Graph;
import io.prunescope.model.ModelEdit;
import io.prunescope.model.Node;
import io.prunescope.model.Tensor;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Set;

import static io.prunescope.ops.ShapeMath.*;

/** Split: along channels each output takes a contiguous range; its split sizes follow the pruned counts. */
public final class SplitRule implements OpRule {

    @Override
    public Set<String> opTypes() {
        return Set.of("Split");
    }

    @Override
    public boolean shapes(ShapeContext c) {
        split(c);
        return true;
    }

    @Override
    public void coupling(CouplingContext c, Node n) {
        split(c, n);
    }

    static void split(ShapeContext c) {
        long[] x = c.in(0);
        int axis = normAxis(c, c.n.intAttr("axis", 0), x.length);
        int outs = c.n.outputs().size();
        long[] parts = c.n.intsAttr("split");
        if (parts == null && c.present(1)) {
            parts = c.longs(1);
            if (parts == null) {
                c.needValue(1);
                return;
            }
        }
        if (parts == null) {
            long n = c.n.intAttr("num_outputs", outs);
            parts = new long[(int) n];
            long chunk = ceilDiv(x[axis], n);
            long left = x[axis];
            for (int i = 0; i < n; i++) {
                parts[i] = Math.min(chunk, left);
                left -= parts[i];
            }
            if (c.n.attributes().containsKey("num_outputs") || x[axis] % n == 0) {
                // uneven only allowed with num_outputs (c.opset() 18); otherwise the model is wrong
            } else {
                throw c.error("cannot split " + x[axis] + " evenly into " + n + " outputs");
            }
        }
        long total = Arrays.stream(parts).sum();
        if (total != x[axis]) {
            throw c.error("split sizes " + Arrays.toString(parts) + " do not add up to dimension " + axis
                    + " of " + c.fmt(0));
        }
        double[] v = c.val(0);
        long offset = 0;
        for (int i = 0; i < Math.min(outs, parts.length); i++) {
            long[] s = x.clone();
            s[axis] = parts[i];
            c.out(i, s, c.type(0));
            if (v != null && x.length == 1) {
                c.value(i, Arrays.copyOfRange(v, (int) offset, (int) (offset + parts[i])));
            }
            offset += parts[i];
        }
    }

    static void split(CouplingContext c, Node n) {
        ChannelSpace in = c.space(n.input(0));
        long[] inShape = c.shape(n.input(0));
        if (in == null) {
            return;
        }
        long axis = n.intAttr("axis", 0);
        if (inShape == null) {
            c.block(in.tensor(), "Split '" + n.displayName() + "' has an unknown input shape");
            return;
        }
        if (axis < 0) {
            axis += inShape.length;
        }
        if (axis != in.axis()) {
            for (String out : n.outputs()) {
                if (!out.isEmpty()) {
                    c.passThrough(n, in.tensor(), out);
                }
            }
            return;
        }
        int offset = 0;
        for (String out : n.outputs()) {
            long[] s = c.shape(out);
            if (s == null) {
                c.block(in.tensor(), "Split '" + n.displayName() + "' has outputs of unknown size");
                return;
            }
            int count = (int) s[in.axis()];
            if (!out.isEmpty()) {
                ChannelSpace o = c.newSpace(out, in.axis(), count);
                c.join(in, offset, o, 0, count);
            }
            offset += count;
        }
        c.member(n, MemberRole.SPLIT, in.tensor(), null, in.axis(), 0);
        c.couple(n, in.tensor(), "Split along channels: each output takes a contiguous range");
    }

    @Override
    public void editShapeInputs(ShapeEdit e, ModelEdit edit) {
        Graph graph = e.graph();
        BitSet removed = e.removed();
        Node n = e.node();
        long[] sizes = new long[n.outputs().size()];
        int offset = 0;
        for (int i = 0; i < sizes.length; i++) {
            long[] s = e.shapes().get(n.output(i));
            int c = (int) s[e.axis()];
            sizes[i] = c - removed.get(offset, offset + c).cardinality();
            offset += c;
        }
        if (n.intsAttr("split") != null) {
            edit.setAttribute(n.index(), "split", Attribute.IntList.of(sizes));
        } else if (!n.input(1).isEmpty() && graph.isConstant(n.input(1))) {
            edit.replaceTensor(Tensor.ofLongs(n.input(1), new long[]{sizes.length}, sizes));
        } else {
            throw new UnsupportedOperationException("Split '" + n.displayName() + "' splits channels evenly; after pruning its"
                    + " parts differ and PruneScope cannot yet add explicit split sizes: protect this group");
        }
    }
}
