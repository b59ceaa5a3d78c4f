package io.prunescope.ops;

import io.prunescope.model.DataType;
import io.prunescope.model.Node;
import io.prunescope.model.Shapes;

import java.util.Set;

import static io.prunescope.ops.ShapeMath.*;

/**
 * Element-wise unary ops and activations (Relu … Mish, Clip, Cast, Dropout, Not, Quantize/DequantizeLinear, trig
 * functions, BitwiseNot …): same shape, and channel k in is channel k out. Small values are propagated for the
 * ones shape arithmetic uses (Neg, Abs, Floor, Ceil, Round, Sqrt, Relu, Sign, Identity, Not).
 */
public final class UnaryRule implements OpRule {

    static final Set<String> OPS = Set.of("Relu", "Sigmoid", "Tanh", "LeakyRelu", "Elu", "Selu", "Celu",
            "HardSigmoid", "HardSwish", "Softplus", "Softsign", "Clip", "Erf", "Gelu", "Mish", "ThresholdedRelu",
            "Shrink", "Exp", "Log", "Sqrt", "Neg", "Abs", "Reciprocal", "Identity", "Floor", "Ceil", "Round", "Sign",
            "Sin", "Cos", "Tan", "Asin", "Acos", "Atan", "Sinh", "Cosh", "Asinh", "Acosh", "Atanh", "BitwiseNot",
            "Swish", "Not", "IsNaN", "IsInf", "Cast", "CastLike", "Dropout", "QuantizeLinear", "DequantizeLinear");

    @Override
    public Set<String> opTypes() {
        return OPS;
    }

    @Override
    public boolean shapes(ShapeContext c) {
        String op = c.n.opType();
        switch (op) {
            case "Not", "IsNaN", "IsInf" -> {
                c.out(0, c.in(0), DataType.BOOL);
                if (op.equals("Not")) {
                    c.mapValue(v -> v == 0 ? 1 : 0);
                }
            }
            case "Cast", "CastLike" -> cast(c);
            case "Dropout" -> {
                c.out(0, c.in(0), c.type(0));
                c.passValue();
                if (c.n.outputs().size() > 1) {
                    c.out(1, c.in(0), DataType.BOOL);
                }
            }
            case "QuantizeLinear" -> c.out(0, c.in(0), c.present(2) ? c.type(2) : DataType.UINT8);
            case "DequantizeLinear" -> c.out(0, c.in(0), c.present(1) ? c.type(1) : DataType.FLOAT);
            default -> unary(c);
        }
        return true;
    }

    @Override
    public void coupling(CouplingContext c, Node n) {
        if (n.opType().endsWith("QuantizeLinear") && (perChannel(c, n.input(1)) || perChannel(c, n.input(2)))) {
            // Per-axis scales and zero points would have to shrink with the channels: not followed yet.
            c.blockInputs(n, n.opType() + " '" + n.displayName() + "' quantises per channel");
            return;
        }
        c.passThrough(n, n.input(0), n.output(0));
    }

    private static boolean perChannel(CouplingContext c, String tensor) {
        long[] s = tensor.isEmpty() ? null : c.shape(tensor);
        return s != null && Shapes.numel(s) > 1;
    }

    static void unary(ShapeContext c) {
        c.out(0, c.in(0), c.type(0));
        switch (c.n.opType()) {
            case "Identity" -> c.passValue();
            case "Neg" -> c.mapValue(v -> -v);
            case "Abs" -> c.mapValue(Math::abs);
            case "Floor" -> c.mapValue(Math::floor);
            case "Ceil" -> c.mapValue(Math::ceil);
            case "Round" -> c.mapValue(Math::rint);
            case "Sqrt" -> c.mapValue(Math::sqrt);
            case "Relu" -> c.mapValue(v -> Math.max(v, 0));
            case "Sign" -> c.mapValue(Math::signum);
            default -> {
            }
        }
    }

    static void cast(ShapeContext c) {
        DataType to = c.n.opType().equals("CastLike") ? c.type(1)
                : DataType.fromCode((int) c.n.intAttr("to", DataType.FLOAT.code()));
        c.out(0, c.in(0), to);
        double[] v = c.val(0);
        if (v != null) {
            double[] r = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                r[i] = to == DataType.BOOL ? (v[i] != 0 ? 1 : 0) : isInteger(to) ? (double) (long) v[i] : v[i];
            }
            c.value(0, r);
        }
    }
}
