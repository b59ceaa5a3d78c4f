package io.prunescope.ops;

import io.prunescope.model.Attribute;
import io.prunescope.model.DataType;
import io.prunescope.model.Node;
import io.prunescope.model.Shapes;

import java.util.Arrays;
import java.util.Set;

import static io.prunescope.ops.ShapeContext.MAX_VALUE_ELEMENTS;
import static io.prunescope.ops.ShapeMath.*;

/**
 * Ops that read only shapes or make tensors from shape values (Shape, Size, Constant, ConstantOfShape, Range):
 * they carry no channels, so coupling ignores them; their values drive the constant propagation of shape arithmetic.
 */
public final class ShapeSourceRule implements OpRule {

    @Override
    public Set<String> opTypes() {
        return Set.of("Shape", "Size", "Constant", "ConstantOfShape", "Range");
    }

    @Override
    public boolean shapes(ShapeContext c) {
        switch (c.n.opType()) {
            case "Shape" -> shapeOp(c);
            case "Size" -> {
                c.out(0, new long[0], DataType.INT64);
                c.value(0, new double[]{Shapes.numel(c.in(0))});
            }
            case "ConstantOfShape" -> constantOfShape(c);
            case "Range" -> range(c);
            default -> {
                return false; // a Constant whose value PruneScope could not read
            }
        }
        return true;
    }

    @Override
    public void coupling(CouplingContext c, Node n) {
        // shapes and shape values carry no channels
    }

    static void shapeOp(ShapeContext c) {
        long[] x = c.in(0);
        int r = x.length;
        int start = (int) c.n.intAttr("start", 0);
        int end = (int) c.n.intAttr("end", r);
        start = (int) clamp(start < 0 ? start + r : start, 0, r);
        end = (int) clamp(end < 0 ? end + r : end, 0, r);
        int len = Math.max(0, end - start);
        double[] v = new double[len];
        for (int i = 0; i < len; i++) {
            v[i] = x[start + i];
        }
        c.out(0, new long[]{len}, DataType.INT64);
        c.value(0, v);
    }

    static void constantOfShape(ShapeContext c) {
        long[] s = c.longs(0);
        if (s == null) {
            c.needValue(0);
            return;
        }
        DataType t = DataType.FLOAT;
        double fillValue = 0;
        if (c.n.attributes().get("value") instanceof Attribute.TensorValue tv) {
            t = tv.value().type();
            if (tv.value().numel() == 1) {
                fillValue = t.isFloatingPoint() ? tv.value().toFloats()[0] : tv.value().toLongs()[0];
            }
        }
        c.out(0, s, t);
        long numel = Shapes.numel(s);
        if (numel <= MAX_VALUE_ELEMENTS) {
            double[] r = new double[(int) numel];
            Arrays.fill(r, fillValue);
            c.value(0, r);
        }
    }

    static void range(ShapeContext c) {
        double[] start = c.val(0);
        double[] limit = c.val(1);
        double[] delta = c.val(2);
        if (start == null || limit == null || delta == null) {
            c.needValue(start == null ? 0 : limit == null ? 1 : 2);
            return;
        }
        if (delta[0] == 0) {
            throw c.error("delta is 0");
        }
        long n = (long) Math.max(Math.ceil((limit[0] - start[0]) / delta[0]), 0);
        c.out(0, new long[]{n}, c.type(0));
        if (n <= MAX_VALUE_ELEMENTS) {
            double[] r = new double[(int) n];
            for (int i = 0; i < n; i++) {
                r[i] = start[0] + i * delta[0];
            }
            c.value(0, r);
        }
    }
}
