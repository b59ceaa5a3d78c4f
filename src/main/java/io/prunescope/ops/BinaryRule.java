package io.prunescope.ops;

import io.prunescope.model.DataType;
import io.prunescope.model.Graph;
import io.prunescope.model.Node;
import io.prunescope.model.Shapes;
import io.prunescope.model.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleBinaryOperator;

import static io.prunescope.ops.ShapeContext.MAX_VALUE_ELEMENTS;
import static io.prunescope.ops.ShapeMath.*;

/**
 * Broadcasting element-wise ops with two or more operands (Add, Mul, Max, Sum, comparisons, Where, PRelu …):
 * operands that carry channels on the same axis are joined into one group (residual adds, squeeze-excitation
 * gates); a constant with one value per channel follows the removal (layer scale, a PRelu slope).
 */
public final class BinaryRule implements OpRule {

    private static final Set<String> ARITHMETIC = Set.of("Add", "Sub", "Mul", "Div", "Pow", "Mod", "BitShift",
            "BitwiseAnd", "BitwiseOr", "BitwiseXor");
    private static final Set<String> VARIADIC = Set.of("Max", "Min", "Sum", "Mean");
    private static final Set<String> LOGICAL = Set.of("Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual",
            "And", "Or", "Xor");

    @Override
    public Set<String> opTypes() {
        Set<String> all = new java.util.HashSet<>(ARITHMETIC);
        all.addAll(VARIADIC);
        all.addAll(LOGICAL);
        all.add("Where");
        all.add("PRelu");
        return all;
    }

    @Override
    public boolean shapes(ShapeContext c) {
        String op = c.n.opType();
        if (ARITHMETIC.contains(op)) {
            binary(c, false);
        } else if (VARIADIC.contains(op)) {
            variadic(c);
        } else if (LOGICAL.contains(op)) {
            binary(c, true);
        } else if (op.equals("Where")) {
            where(c);
        } else {
            c.out(0, c.in(0), c.type(0)); // PRelu: the slope broadcasts to the input
        }
        return true;
    }

    @Override
    public void coupling(CouplingContext c, Node n) {
        elementwise(c, n);
    }

    @Override
    public int[] weightInputs(Graph g, Node n) {
        return switch (n.opType()) {
            case "PRelu" -> new int[]{1};
            case "Add" -> biasAfterMatMul(g, n);
            default -> new int[0];
        };
    }

    /** The constant bias of an Add right after a MatMul belongs to that layer. */
    private static int[] biasAfterMatMul(Graph graph, Node add) {
        for (int i = 0; i < 2; i++) {
            Optional<Node> p = graph.producer(add.input(i));
            String other = add.input(1 - i);
            if (p.isPresent() && p.get().opType().equals("MatMul")) {
                Optional<Tensor> bias = Constants.floatWeight(graph, other);
                if (bias.isPresent() && bias.get().rank() >= 1) {
                    return new int[]{1 - i};
                }
            }
        }
        return new int[0];
    }

    static void binary(ShapeContext c, boolean logical) {
        long[] s = broadcast(c, c.in(0), c.in(1));
        DataType t = logical ? DataType.BOOL : c.type(0);
        c.out(0, s, t);
        DoubleBinaryOperator f = binaryOp(c.n.opType(), isInteger(c.type(0)));
        double[] a = c.val(0);
        double[] b = c.val(1);
        if (f != null && a != null && b != null && Shapes.numel(s) <= MAX_VALUE_ELEMENTS) {
            double[] r = broadcastApply(s, c.in(0), a, c.in(1), b, f);
            if (isInteger(t) && !c.n.opType().equals("Div")) {
                for (int i = 0; i < r.length; i++) {
                    r[i] = (double) (long) r[i];
                }
            }
            c.value(0, r);
        }
    }

    static void variadic(ShapeContext c) {
        long[] s = c.in(0);
        for (int i = 1; i < c.n.inputs().size(); i++) {
            if (c.present(i)) {
                s = broadcast(c, s, c.in(i));
            }
        }
        c.out(0, s, c.type(0));
        DoubleBinaryOperator f = binaryOp(c.n.opType(), false);
        if (f == null || Shapes.numel(s) > MAX_VALUE_ELEMENTS) {
            return;
        }
        long[] accShape = c.in(0);
        double[] acc = c.val(0);
        for (int i = 1; i < c.n.inputs().size() && acc != null; i++) {
            double[] v = c.val(i);
            if (v == null) {
                return;
            }
            long[] ns = broadcast(c, accShape, c.in(i));
            acc = broadcastApply(ns, accShape, acc, c.in(i), v, f);
            accShape = ns;
        }
        if (acc != null) {
            if (c.n.opType().equals("Mean")) {
                int n = c.n.inputs().size();
                for (int i = 0; i < acc.length; i++) {
                    acc[i] /= n;
                }
            }
            c.value(0, acc);
        }
    }

    static void where(ShapeContext c) {
        long[] s = broadcast(c, broadcast(c, c.in(0), c.in(1)), c.in(2));
        c.out(0, s, c.type(1));
        double[] cond = c.val(0);
        double[] a = c.val(1);
        double[] b = c.val(2);
        if (cond != null && a != null && b != null && Shapes.numel(s) <= MAX_VALUE_ELEMENTS) {
            double[] ca = broadcastApply(s, c.in(0), cond, c.in(1), a, (x, y) -> x != 0 ? y : Double.NaN);
            double[] r = broadcastApply(s, s, ca, c.in(2), b, (x, y) -> Double.isNaN(x) ? y : x);
            c.value(0, r);
        }
    }

    static void elementwise(CouplingContext c, Node n) {
        long[] outShape = c.shape(n.output(0));
        List<ChannelSpace> spaced = new ArrayList<>();
        for (String in : n.inputs()) {
            if (c.space(in) != null) {
                spaced.add(c.space(in));
            }
        }
        if (spaced.isEmpty()) {
            return;
        }
        if (outShape == null) {
            c.blockInputs(n, n.opType() + " '" + n.displayName() + "' has an unknown output shape");
            return;
        }
        int rank = outShape.length;
        int axis = -1;
        int channels = -1;
        for (ChannelSpace s : spaced) {
            int aligned = s.axis() + rank - c.shape(s.tensor()).length;
            if (s.channels() == 1 && outShape[aligned] > 1) {
                c.blockInputs(n, n.opType() + " '" + n.displayName() + "' broadcasts one channel across many");
                return;
            }
            if (axis >= 0 && (aligned != axis || s.channels() != channels)) {
                c.blockInputs(n, n.opType() + " '" + n.displayName() + "' combines channels on different axes");
                return;
            }
            axis = aligned;
            channels = s.channels();
        }
        // Per-channel constants (layer scale, a PRelu slope) follow; recorded only once the node is known to couple.
        List<String[]> followers = new ArrayList<>();
        for (String in : n.inputs()) {
            if (in.isEmpty() || c.space(in) != null) {
                continue;
            }
            long[] s = c.shape(in);
            Tensor constant = c.constant(in);
            if (constant != null) {
                s = constant.dims();
            }
            int j = s == null ? -1 : axis - (rank - s.length);
            boolean alongChannels = s != null && j >= 0 && s[j] == channels && channels > 1;
            if (alongChannels && constant != null) {
                followers.add(new String[]{in, Integer.toString(j)});
            } else if (alongChannels || s == null) {
                c.blockInputs(n, n.opType() + " '" + n.displayName() + "' mixes these channels with '" + in
                        + "', whose channels PruneScope cannot follow");
                return;
            }
        }
        // Operands already in one group (SiLU's x · sigmoid(x)) join nothing new: no reason worth showing.
        boolean joinsGroups = spaced.stream().anyMatch(sp -> !c.sameGroup(sp, spaced.get(0)));
        ChannelSpace out = c.newSpace(n.output(0), axis, channels);
        for (ChannelSpace s : spaced) {
            c.join(s, 0, out, 0, channels);
        }
        for (String[] f : followers) {
            c.member(n, MemberRole.FOLLOWER, n.output(0), f[0], Integer.parseInt(f[1]), 0);
        }
        if (joinsGroups) {
            String why = switch (n.opType()) {
                case "Add", "Sum" -> "residual/element-wise Add: both operands share channels";
                case "Mul" -> "element-wise Mul (e.g. a squeeze-excitation gate): both operands share channels";
                default -> "element-wise " + n.opType() + ": operands share channels";
            };
            c.couple(n, out.tensor(), why);
        }
    }
}
