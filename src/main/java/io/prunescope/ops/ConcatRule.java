package io.prunescope.ops;

import io.prunescope.model.Node;
import io.prunescope.model.Shapes;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.prunescope.ops.ShapeContext.MAX_VALUE_ELEMENTS;
import static io.prunescope.ops.ShapeMath.*;

/** Concat: along channels each input keeps its channels, shifted by the widths before it; along another axis
 * channel k of every input is one channel. */
public final class ConcatRule implements OpRule {

    @Override
    public Set<String> opTypes() {
        return Set.of("Concat");
    }

    @Override
    public boolean shapes(ShapeContext c) {
        concat(c);
        return true;
    }

    @Override
    public void coupling(CouplingContext c, Node n) {
        concat(c, n);
    }

    static void concat(ShapeContext c) {
        long[] first = null;
        int axis = 0;
        long sum = 0;
        List<Integer> present = new ArrayList<>();
        for (int i = 0; i < c.n.inputs().size(); i++) {
            if (c.present(i)) {
                present.add(i);
            }
        }
        for (int i : present) {
            long[] s = c.in(i);
            if (first == null) {
                first = s.clone();
                axis = normAxis(c, c.n.intAttr("axis", 0), s.length);
            } else if (s.length != first.length) {
                throw c.error("input " + c.fmt(i) + " has another rank than " + Shapes.format(first));
            } else {
                for (int d = 0; d < s.length; d++) {
                    if (d != axis && s[d] != first[d]) {
                        throw c.error("inputs " + Shapes.format(first) + " and " + c.fmt(i)
                                + " differ outside the concat axis " + axis);
                    }
                }
            }
            sum += s[axis];
        }
        if (first == null) {
            return;
        }
        first[axis] = sum;
        c.out(0, first, c.type(present.get(0)));
        if (first.length == 1) {
            double[] r = new double[(int) Math.min(sum, MAX_VALUE_ELEMENTS + 1)];
            int pos = 0;
            for (int i : present) {
                double[] v = c.val(i);
                if (v == null || pos + v.length > r.length) {
                    return;
                }
                System.arraycopy(v, 0, r, pos, v.length);
                pos += v.length;
            }
            c.value(0, r);
        }
    }

    static void concat(CouplingContext c, Node n) {
        long[] outShape = c.shape(n.output(0));
        boolean any = n.inputs().stream().anyMatch(i -> c.space(i) != null);
        if (!any) {
            return;
        }
        if (outShape == null || n.inputs().stream().anyMatch(i -> c.space(i) == null)) {
            c.blockInputs(n, "Concat '" + n.displayName() + "' joins these channels with tensors PruneScope cannot follow");
            return;
        }
        long axis = n.intAttr("axis", 1);
        if (axis < 0) {
            axis += outShape.length;
        }
        ChannelSpace first = c.space(n.input(0));
        boolean sameAxis = n.inputs().stream().allMatch(i -> c.space(i).axis() == first.axis());
        if (!sameAxis) {
            c.blockInputs(n, "Concat '" + n.displayName() + "' joins tensors with channels on different axes");
            return;
        }
        if (axis == first.axis()) {
            int total = 0;
            for (String in : n.inputs()) {
                total += c.space(in).channels();
            }
            ChannelSpace out = c.newSpace(n.output(0), first.axis(), total);
            int offset = 0;
            for (String in : n.inputs()) {
                ChannelSpace s = c.space(in);
                c.join(s, 0, out, offset, s.channels());
                offset += s.channels();
            }
            c.couple(n, out.tensor(), "Concat along channels: each input's channels keep their place, shifted by"
                    + " the channels before them");
        } else {
            boolean same = n.inputs().stream().allMatch(i -> c.space(i).channels() == first.channels());
            if (!same) {
                c.blockInputs(n, "Concat '" + n.displayName() + "' joins tensors with different channel counts");
                return;
            }
            ChannelSpace out = c.newSpace(n.output(0), first.axis(), first.channels());
            for (String in : n.inputs()) {
                c.join(c.space(in), 0, out, 0, first.channels());
            }
            c.couple(n, out.tensor(), "Concat along another axis: channel k of every input is channel k");
        }
    }
}
