package io.prunescope.ops;

import io.prunescope.model.Attribute;
import io.prunescope.model.DataType;
import io.prunescope.model.Graph;
import io.prunescope.model.ModelEdit;
import io.prunescope.model.Node;
import io.prunescope.model.Shapes;
import io.prunescope.model.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleBinaryOperator;

import static io.prunescope.ops.ShapeContext.MAX_VALUE_ELEMENTS;
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
