package io.prunescope.ops;

import io.prunescope.model.Node;

import java.util.Set;

import static io.prunescope.ops.ShapeMath.*;

/** Ops whose output has the input's shape but whose channel meaning PruneScope does not follow. */
public final class SameShapeRule implements OpRule {

    @Override
    public Set<String> opTypes() {
        return Set.of("CumSum", "Trilu", "ReverseSequence");
    }

    @Override
    public boolean shapes(ShapeContext c) {
        c.same();
        return true;
    }

    @Override
    public void coupling(CouplingContext c, Node n) {
        c.blockInputs(n, n.opType() + " '" + n.displayName() + "' may move values between channels");
    }
}
