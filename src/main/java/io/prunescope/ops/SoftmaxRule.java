package io.prunescope.ops;

import io.prunescope.model.Node;

import java.util.Set;

import static io.prunescope.ops.ShapeMath.*;

/**
 * Softmax, LogSoftmax, Hardmax: fine along another axis, blocked across channels. The default axis is 1 before
 * opset 13 and -1 from 13 on.
 */
public final class SoftmaxRule implements OpRule {

    @Override
    public Set<String> opTypes() {
        return Set.of("Softmax", "LogSoftmax", "Hardmax");
    }

    @Override
    public boolean shapes(ShapeContext c) {
        c.same();
        return true;
    }

    @Override
    public void coupling(CouplingContext c, Node n) {
        softmax(c, n);
    }

    static void softmax(CouplingContext c, Node n) {
        ChannelSpace in = c.space(n.input(0));
        long[] shape = c.shape(n.input(0));
        if (in == null || shape == null) {
            return;
        }
        long axis = n.intAttr("axis", c.opset() >= 13 ? -1 : 1);
        if (axis < 0) {
            axis += shape.length;
        }
        if (axis == in.axis()) {
            c.block(in.tensor(), n.opType() + " '" + n.displayName() + "' normalises across channels");
            return;
        }
        c.passThrough(n, n.input(0), n.output(0));
    }
}
