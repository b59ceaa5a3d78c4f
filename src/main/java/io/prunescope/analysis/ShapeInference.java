package io.prunescope.analysis;

import io.prunescope.model.Attribute;
import io.prunescope.model.DataType;
import io.prunescope.model.Graph;
import io.prunescope.model.Model;
import io.prunescope.model.Node;
import io.prunescope.model.Shapes;
import io.prunescope.model.Tensor;
import io.prunescope.model.ValueInfo;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Static shape inference over the main graph, in topological order, for concrete input shapes.
 * <p>
 * Every tensor gets a concrete shape ({@code long[]}) and, when it is small and computable, a value: shape
 * arithmetic as exporters write it ({@code Shape → Gather → Unsqueeze → Concat → Reshape}) is evaluated on
 * the way (constant propagation of tensors up to {@link #MAX_VALUE_ELEMENTS} elements), so Reshape, Resize,
 * Expand, Slice... see their targets. An op it does not know, or a shape that depends on data, leaves the
 * outputs unknown and inference moves on; all unknown tensors are then asked of the {@link ShapeFallback}
 * in a single call, and a second static pass completes what follows from the answers.
 * <p>
 * Inconsistent models (a Conv whose input channels do not match its weight, operands that do not broadcast,
 * a Reshape to a different element count) raise {@link ShapeInferenceException} naming the node.
 */
public final class ShapeInference {

    /** Tensors up to this many elements have their values propagated (shape arithmetic, small constants). */
    public static final int MAX_VALUE_ELEMENTS = 4096;

    /**
     * What inference found.
     *
     * @param shapes         concrete shape of every tensor it could work out (inputs, constants, node outputs)
     * @param types          element type of every tensor it could work out
     * @param fromFallback   tensors whose shapes came from the fallback (not from static inference)
     * @param unresolved     node outputs still without a shape after the fallback
     * @param unsupportedOps op types static inference does not know, with how many nodes use them (nodes whose
     *                       inputs never became known are not examined, so are not counted)
     * @param notes          other remarks (for example, why the fallback failed)
     * @param values         values of the small computed tensors (shape arithmetic) at the bound input shapes
     */
    public record Result(Map<String, long[]> shapes, Map<String, DataType> types, Set<String> fromFallback,
                         List<String> unresolved, Map<String, Integer> unsupportedOps, List<String> notes,
                         Map<String, double[]> values) {

        public Result {
            shapes = Collections.unmodifiableMap(shapes);
            types = Collections.unmodifiableMap(types);
            fromFallback = Collections.unmodifiableSet(fromFallback);
            unresolved = List.copyOf(unresolved);
            unsupportedOps = Collections.unmodifiableMap(unsupportedOps);
            notes = List.copyOf(notes);
            values = Collections.unmodifiableMap(values);
        }

        public long[] shape(String tensor) {
            return shapes.get(tensor);
        }

        /** True when every node output has a concrete shape. */
        public boolean isComplete() {
            return unresolved.isEmpty();
        }
    }

    private final Model model;
    private final Graph graph;
    private final long opset;
    private final Map<String, long[]> shapes = new LinkedHashMap<>();
    private final Map<String, DataType> types = new HashMap<>();
    private final Map<String, double[]> values = new HashMap<>();
    private final Set<String> noValue = new java.util.HashSet<>();
    private final Map<String, Integer> unsupported = new TreeMap<>();
    private final Set<Integer> unsupportedNodes = new java.util.HashSet<>();
    private final List<String> notes = new ArrayList<>();

    private ShapeInference(Model model) {
        this.model = model;
        this.graph = model.graph();
        this.opset = model.opset() > 0 ? model.opset() : 13;
    }

    /** Static inference only (no fallback). */
    public static Result infer(Model model, Map<String, long[]> inputShapes) {
        return infer(model, inputShapes, ShapeFallback.NONE, CancellationToken.NEVER, Progress.NONE);
    }

    /**
     * @param inputShapes concrete shape of every graph input (see {@code InputBindings.resolve})
     * @param fallback    asked once for whatever static inference could not work out; may be {@code NONE}
     */
    public static Result infer(Model model, Map<String, long[]> inputShapes, ShapeFallback fallback,
                               CancellationToken cancel, Progress progress) {
        return new ShapeInference(model).run(inputShapes, fallback == null ? ShapeFallback.NONE : fallback,
                cancel == null ? CancellationToken.NEVER : cancel, progress == null ? Progress.NONE : progress);
    }

    private Result run(Map<String, long[]> inputShapes, ShapeFallback fallback, CancellationToken cancel,
                       Progress progress) {
        for (Map.Entry<String, Tensor> c : graph.constants().entrySet()) {
            shapes.put(c.getKey(), c.getValue().dims());
            types.put(c.getKey(), c.getValue().type());
        }
        for (ValueInfo in : graph.inputs()) {
            long[] s = inputShapes.get(in.name());
            if (s != null) {
                shapes.put(in.name(), s.clone());
            }
            types.put(in.name(), in.type() == null ? DataType.FLOAT : in.type().elementType());
        }
        List<Node> nodes = graph.nodes();
        int total = nodes.size();
        for (int i = 0; i < total; i++) {
            if ((i & 63) == 0) {
                cancel.throwIfCancelled();
                progress.report(i, total, "inferring shapes");
            }
            inferNode(nodes.get(i));
        }
        Set<String> missing = missingOutputs();
        Set<String> fromFallback = new LinkedHashSet<>();
        if (!missing.isEmpty() && fallback != ShapeFallback.NONE) {
            cancel.throwIfCancelled();
            progress.report(total, total, "asking the runtime for " + missing.size() + " shapes");
            try {
                Map<String, long[]> got = fallback.probe(inputShapes, List.copyOf(missing));
                for (Map.Entry<String, long[]> e : got.entrySet()) {
                    if (missing.contains(e.getKey()) && e.getValue() != null) {
                        shapes.put(e.getKey(), e.getValue().clone());
                        fromFallback.add(e.getKey());
                    }
                }
            } catch (Exception e) {
                notes.add("the shape fallback failed: " + e.getMessage());
            }
            for (Node n : nodes) {
                boolean needs = n.outputs().stream().anyMatch(o -> !o.isEmpty() && !shapes.containsKey(o));
                if (needs) {
                    inferNode(n);
                }
            }
            missing = missingOutputs();
        }
        progress.report(total, total, "shapes inferred");
        return new Result(shapes, types, fromFallback, List.copyOf(missing), unsupported, notes, values);
    }

    private Set<String> missingOutputs() {
        Set<String> missing = new LinkedHashSet<>();
        for (Node n : graph.nodes()) {
            for (String o : n.outputs()) {
                if (!o.isEmpty() && !shapes.containsKey(o)) {
                    missing.add(o);
                }
            }
        }
        return missing;
    }

    private void inferNode(Node n) {
        Ctx c = new Ctx(n);
        if (n.opType().equals("Constant") && n.isStandardDomain()) {
            String out = n.output(0);
            if (graph.isConstant(out)) {
                return; // shape and type already set from the graph's constants
            }
        }
        for (String in : n.inputs()) {
            if (!in.isEmpty() && !shapes.containsKey(in)) {
                return; // an input is unknown: so are the outputs
            }
        }
        if (!n.isStandardDomain()) {
            if (unsupportedNodes.add(n.index())) {
                unsupported.merge((n.domain() + "." + n.opType()), 1, Integer::sum);
            }
            return;
        }
        boolean known = dispatch(c);
        if (!known && unsupportedNodes.add(n.index())) {
            unsupported.merge(n.opType(), 1, Integer::sum);
        }
    }

    /** Returns false when the op is not one static inference knows. */
    private boolean dispatch(Ctx c) {
        String op = c.n.opType();
        switch (op) {
            case "Conv" -> conv(c);
            case "ConvTranspose" -> convTranspose(c);
            case "BatchNormalization", "InstanceNormalization", "LpNormalization", "MeanVarianceNormalization",
                 "LRN", "Softmax", "LogSoftmax", "Hardmax", "CumSum", "Trilu", "ReverseSequence" -> c.same();
            case "Relu", "Sigmoid", "Tanh", "LeakyRelu", "Elu", "Selu", "Celu", "HardSigmoid", "HardSwish",
                 "Softplus", "Softsign", "Clip", "Erf", "Gelu", "Mish", "PRelu", "ThresholdedRelu", "Shrink",
                 "Exp", "Log", "Sqrt", "Neg", "Abs", "Reciprocal", "Identity", "Floor", "Ceil", "Round", "Sign",
                 "Sin", "Cos", "Tan", "Asin", "Acos", "Atan", "Sinh", "Cosh", "Asinh", "Acosh", "Atanh",
                 "BitwiseNot", "Swish" -> unary(c);
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
            case "Add", "Sub", "Mul", "Div", "Pow", "Mod", "BitShift", "BitwiseAnd", "BitwiseOr", "BitwiseXor" ->
                    binary(c, false);
            case "Max", "Min", "Sum", "Mean" -> variadic(c);
            case "Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "And", "Or", "Xor" -> binary(c, true);
            case "Where" -> where(c);
            case "MaxPool", "AveragePool", "LpPool" -> pool(c);
            case "GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool" -> {
                long[] s = c.in(0).clone();
                for (int i = 2; i < s.length; i++) {
                    s[i] = 1;
                }
                c.out(0, s, c.type(0));
            }
            case "Flatten" -> flatten(c);
            case "Reshape" -> reshape(c);
            case "Transpose" -> transpose(c);
            case "Concat" -> concat(c);
            case "Split" -> split(c);
            case "Slice" -> slice(c);
            case "Squeeze" -> squeeze(c);
            case "Unsqueeze" -> unsqueeze(c);
            case "Gemm" -> gemm(c);
            case "MatMul", "MatMulInteger", "QLinearMatMul" -> matmul(c);
            case "Resize", "Upsample" -> resize(c);
            case "Pad" -> pad(c);
            case "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1", "ReduceL2",
                 "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare" -> reduce(c);
            case "ArgMax", "ArgMin" -> argReduce(c);
            case "Shape" -> shapeOp(c);
            case "Size" -> {
                c.out(0, new long[0], DataType.INT64);
                c.value(0, new double[]{Shapes.numel(c.in(0))});
            }
            case "Gather" -> gather(c);
            case "GatherElements" -> c.out(0, c.in(1), c.type(0));
            case "Expand" -> expand(c);
            case "Tile" -> tile(c);
            case "ConstantOfShape" -> constantOfShape(c);
            case "Range" -> range(c);
            case "LayerNormalization" -> layerNorm(c);
            case "DepthToSpace", "SpaceToDepth" -> depthSpace(c);
            case "TopK" -> topK(c);
            case "Constant" -> {
                return false; // a Constant whose value PruneScope could not read
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------------------------------------------
    // convolution and pooling

    private void conv(Ctx c) {
        long[] x = c.in(0);
        long[] w = c.in(1);
        if (x.length < 3 || w.length != x.length) {
            throw c.error("input " + c.fmt(0) + " and weight " + c.fmt(1) + " must have the same rank (at least 3)");
        }
        long group = c.n.intAttr("group", 1);
        if (group <= 0 || x[1] != w[1] * group) {
            throw c.error("input " + c.fmt(0) + " has " + x[1] + " channels but weight " + c.fmt(1)
                    + " with group " + group + " expects " + (w[1] * group));
        }
        if (w[0] % group != 0) {
            throw c.error("weight " + c.fmt(1) + " has " + w[0] + " filters, not divisible by group " + group);
        }
        if (c.present(2) && (c.in(2).length != 1 || c.in(2)[0] != w[0])) {
            throw c.error("bias " + c.fmt(2) + " does not match the " + w[0] + " filters of weight " + c.fmt(1));
        }
        int sp = x.length - 2;
        long[] kernel = Arrays.copyOfRange(w, 2, w.length);
        long[] k = c.ints("kernel_shape", kernel);
        long[] out = new long[x.length];
        out[0] = x[0];
        out[1] = w[0];
        long[] spatial = windowOutput(c, Arrays.copyOfRange(x, 2, x.length), k, sp, false);
        System.arraycopy(spatial, 0, out, 2, sp);
        c.out(0, out, c.type(0));
    }

    /**
     * Output spatial sizes of a sliding window (Conv, pooling): pads, auto_pad, strides, dilations, ceil_mode.
     */
    private long[] windowOutput(Ctx c, long[] in, long[] k, int sp, boolean ceilAllowed) {
        long[] strides = c.ints("strides", fill(sp, 1));
        long[] dil = c.ints("dilations", fill(sp, 1));
        long[] pads = c.ints("pads", fill(2 * sp, 0));
        String autoPad = c.n.stringAttr("auto_pad", "NOTSET");
        boolean ceil = ceilAllowed && c.n.intAttr("ceil_mode", 0) != 0;
        if (k.length != sp || strides.length != sp || dil.length != sp || pads.length != 2 * sp) {
            throw c.error("kernel_shape/strides/dilations/pads do not match " + sp + " spatial dimensions");
        }
        long[] out = new long[sp];
        for (int i = 0; i < sp; i++) {
            long ek = dil[i] * (k[i] - 1) + 1;
            long s = strides[i];
            if (s <= 0) {
                throw c.error("stride " + s + " must be positive");
            }
            switch (autoPad) {
                case "SAME_UPPER", "SAME_LOWER" -> out[i] = ceilDiv(in[i], s);
                case "VALID" -> out[i] = ceil ? ceilDiv(in[i] - ek, s) + 1 : floorDiv(in[i] - ek, s) + 1;
                default -> {
                    long span = in[i] + pads[i] + pads[i + sp] - ek;
                    if (ceil) {
                        long o = ceilDiv(span, s) + 1;
                        // a window that would start inside the end padding is dropped (as PyTorch and ORT do)
                        if ((o - 1) * s >= in[i] + pads[i]) {
                            o--;
                        }
                        out[i] = o;
                    } else {
                        out[i] = floorDiv(span, s) + 1;
                    }
                }
            }
            if (out[i] <= 0) {
                throw c.error("spatial dimension " + i + " of size " + in[i] + " is too small for kernel " + k[i]
                        + " (dilation " + dil[i] + ", pads " + pads[i] + "+" + pads[i + sp] + ")");
            }
        }
        return out;
    }

    private void convTranspose(Ctx c) {
        long[] x = c.in(0);
        long[] w = c.in(1);
        if (x.length < 3 || w.length != x.length) {
            throw c.error("input " + c.fmt(0) + " and weight " + c.fmt(1) + " must have the same rank (at least 3)");
        }
        long group = c.n.intAttr("group", 1);
        if (x[1] != w[0]) {
            throw c.error("input " + c.fmt(0) + " has " + x[1] + " channels but weight " + c.fmt(1)
                    + " expects " + w[0]);
        }
        int sp = x.length - 2;
        long[] k = c.ints("kernel_shape", Arrays.copyOfRange(w, 2, w.length));
        long[] strides = c.ints("strides", fill(sp, 1));
        long[] dil = c.ints("dilations", fill(sp, 1));
        long[] pads = c.ints("pads", fill(2 * sp, 0));
        long[] outPad = c.ints("output_padding", fill(sp, 0));
        long[] outShape = c.n.intsAttr("output_shape");
        String autoPad = c.n.stringAttr("auto_pad", "NOTSET");
        long[] out = new long[x.length];
        out[0] = x[0];
        out[1] = w[1] * group;
        for (int i = 0; i < sp; i++) {
            long o;
            if (outShape != null) {
                o = outShape[outShape.length - sp + i];
            } else if (autoPad.startsWith("SAME")) {
                o = x[2 + i] * strides[i];
            } else {
                o = strides[i] * (x[2 + i] - 1) + outPad[i] + ((k[i] - 1) * dil[i] + 1) - pads[i] - pads[i + sp];
            }
            if (o <= 0) {
                throw c.error("output spatial dimension " + i + " would be " + o);
            }
            out[2 + i] = o;
        }
        c.out(0, out, c.type(0));
    }

    private void pool(Ctx c) {
        long[] x = c.in(0);
        int sp = x.length - 2;
        long[] k = c.n.intsAttr("kernel_shape");
        if (k == null || sp < 1) {
            throw c.error("needs kernel_shape and an input of rank at least 3, got " + c.fmt(0));
        }
        long[] out = x.clone();
        long[] spatial = windowOutput(c, Arrays.copyOfRange(x, 2, x.length), k, sp, true);
        System.arraycopy(spatial, 0, out, 2, sp);
        c.out(0, out, c.type(0));
        if (c.n.outputs().size() > 1) {
            c.out(1, out, DataType.INT64);
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // element-wise

    private void unary(Ctx c) {
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

    private void cast(Ctx c) {
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

    private static DoubleBinaryOperator binaryOp(String op, boolean integer) {
        return switch (op) {
            case "Add", "Sum" -> Double::sum;
            case "Sub" -> (a, b) -> a - b;
            case "Mul" -> (a, b) -> a * b;
            case "Div" -> integer ? (a, b) -> b == 0 ? 0 : (double) ((long) a / (long) b) : (a, b) -> a / b;
            case "Pow" -> Math::pow;
            case "Mod" -> (a, b) -> b == 0 ? 0 : a - b * Math.floor(a / b);
            case "Max" -> Math::max;
            case "Min" -> Math::min;
            case "Equal" -> (a, b) -> a == b ? 1 : 0;
            case "Less" -> (a, b) -> a < b ? 1 : 0;
            case "Greater" -> (a, b) -> a > b ? 1 : 0;
            case "LessOrEqual" -> (a, b) -> a <= b ? 1 : 0;
            case "GreaterOrEqual" -> (a, b) -> a >= b ? 1 : 0;
            case "And" -> (a, b) -> a != 0 && b != 0 ? 1 : 0;
            case "Or" -> (a, b) -> a != 0 || b != 0 ? 1 : 0;
            case "Xor" -> (a, b) -> (a != 0) != (b != 0) ? 1 : 0;
            default -> null;
        };
    }

    private void binary(Ctx c, boolean logical) {
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

    private void variadic(Ctx c) {
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

    private void where(Ctx c) {
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

    static long[] broadcast(long[] a, long[] b) {
        int r = Math.max(a.length, b.length);
        long[] out = new long[r];
        for (int i = 0; i < r; i++) {
            long da = i < r - a.length ? 1 : a[i - (r - a.length)];
            long db = i < r - b.length ? 1 : b[i - (r - b.length)];
            if (da == db || db == 1) {
                out[i] = da;
            } else if (da == 1) {
                out[i] = db;
            } else {
                return null;
            }
        }
        return out;
    }

    private static long[] broadcast(Ctx c, long[] a, long[] b) {
        long[] s = broadcast(a, b);
        if (s == null) {
            throw c.error("shapes " + Shapes.format(a) + " and " + Shapes.format(b) + " do not broadcast");
        }
        return s;
    }

    /** Index into a (right-aligned, broadcast) operand of shape {@code s} for a flat output index. */
    private static int sourceIndex(long[] out, long[] s, long flat) {
        int idx = 0;
        int stride = 1;
        long rem = flat;
        for (int i = out.length - 1; i >= 0; i--) {
            long coord = rem % out[i];
            rem /= out[i];
            int j = i - (out.length - s.length);
            if (j >= 0) {
                if (s[j] != 1) {
                    idx += (int) (coord * stride);
                }
                stride *= (int) s[j];
            }
        }
        return idx;
    }

    private static double[] broadcastApply(long[] out, long[] sa, double[] a, long[] sb, double[] b,
                                           DoubleBinaryOperator f) {
        int n = (int) Shapes.numel(out);
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = f.applyAsDouble(a[sourceIndex(out, sa, i)], b[sourceIndex(out, sb, i)]);
        }
        return r;
    }

    // ---------------------------------------------------------------------------------------------------
    // shape manipulation

    private void flatten(Ctx c) {
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

    private void reshape(Ctx c) {
        long[] x = c.in(0);
        long[] target = c.n.intsAttr("shape"); // opset < 5
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

    private void transpose(Ctx c) {
        long[] x = c.in(0);
        long[] perm = c.n.intsAttr("perm");
        if (perm == null) {
            perm = new long[x.length];
            for (int i = 0; i < x.length; i++) {
                perm[i] = x.length - 1 - i;
            }
        }
        if (perm.length != x.length) {
            throw c.error("perm " + Arrays.toString(perm) + " does not fit input " + c.fmt(0));
        }
        long[] out = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            int p = (int) (perm[i] < 0 ? perm[i] + x.length : perm[i]);
            out[i] = x[p];
        }
        c.out(0, out, c.type(0));
        if (x.length <= 1) {
            c.passValue();
        }
    }

    private void concat(Ctx c) {
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

    private void split(Ctx c) {
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
                // uneven only allowed with num_outputs (opset 18); otherwise the model is wrong
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

    private void slice(Ctx c) {
        long[] x = c.in(0);
        long[] starts;
        long[] ends;
        long[] axes;
        long[] steps = null;
        if (c.n.intsAttr("starts") != null) {
            starts = c.n.intsAttr("starts");
            ends = c.n.intsAttr("ends");
            axes = c.n.intsAttr("axes");
        } else {
            starts = c.longs(1);
            ends = c.longs(2);
            axes = c.present(3) ? c.longs(3) : null;
            if (c.present(4)) {
                steps = c.longs(4);
                if (steps == null) {
                    c.needValue(4);
                    return;
                }
            }
            if (starts == null || ends == null || (c.present(3) && axes == null)) {
                c.needValue(starts == null ? 1 : ends == null ? 2 : 3);
                return;
            }
        }
        if (ends == null || starts.length != ends.length) {
            throw c.error("starts and ends have different lengths");
        }
        if (axes == null) {
            axes = new long[starts.length];
            for (int i = 0; i < axes.length; i++) {
                axes[i] = i;
            }
        }
        if (steps == null) {
            steps = fill(starts.length, 1);
        }
        long[] out = x.clone();
        long[] begin = new long[x.length];
        long[] step = fill(x.length, 1);
        for (int i = 0; i < starts.length; i++) {
            int a = normAxis(c, axes[i], x.length);
            long dim = x[a];
            long st = steps[i];
            if (st == 0) {
                throw c.error("slice step 0");
            }
            long s = starts[i] < 0 ? starts[i] + dim : starts[i];
            long e = ends[i] < 0 ? ends[i] + dim : ends[i];
            if (st > 0) {
                s = clamp(s, 0, dim);
                e = clamp(e, 0, dim);
            } else {
                s = clamp(s, 0, dim - 1);
                e = clamp(e, -1, dim - 1);
            }
            long len = st > 0 ? ceilDiv(Math.max(0, e - s), st) : ceilDiv(Math.max(0, s - e), -st);
            out[a] = len;
            begin[a] = s;
            step[a] = st;
        }
        c.out(0, out, c.type(0));
        double[] v = c.val(0);
        if (v != null && x.length == 1) {
            double[] r = new double[(int) out[0]];
            for (int i = 0; i < r.length; i++) {
                r[i] = v[(int) (begin[0] + i * step[0])];
            }
            c.value(0, r);
        }
    }

    private void squeeze(Ctx c) {
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

    private void unsqueeze(Ctx c) {
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

    private void expand(Ctx c) {
        long[] target = c.longs(1);
        if (target == null) {
            c.needValue(1);
            return;
        }
        long[] s = broadcast(c, c.in(0), target);
        c.out(0, s, c.type(0));
        double[] v = c.val(0);
        if (v != null && Shapes.numel(s) <= MAX_VALUE_ELEMENTS) {
            c.value(0, broadcastApply(s, c.in(0), v, new long[0], new double[]{0}, (a, b) -> a));
        }
    }

    private void tile(Ctx c) {
        long[] x = c.in(0);
        long[] reps = c.longs(1);
        if (reps == null) {
            c.needValue(1);
            return;
        }
        if (reps.length != x.length) {
            throw c.error("repeats " + Arrays.toString(reps) + " do not match rank of " + c.fmt(0));
        }
        long[] out = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * reps[i];
        }
        c.out(0, out, c.type(0));
    }

    private void constantOfShape(Ctx c) {
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

    private void range(Ctx c) {
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

    private void shapeOp(Ctx c) {
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

    private void gather(Ctx c) {
        long[] data = c.in(0);
        long[] idx = c.in(1);
        int axis = normAxis(c, c.n.intAttr("axis", 0), data.length);
        long[] out = new long[data.length - 1 + idx.length];
        int p = 0;
        for (int i = 0; i < axis; i++) {
            out[p++] = data[i];
        }
        for (long d : idx) {
            out[p++] = d;
        }
        for (int i = axis + 1; i < data.length; i++) {
            out[p++] = data[i];
        }
        c.out(0, out, c.type(0));
        double[] v = c.val(0);
        long[] ix = c.longs(1);
        if (v != null && ix != null && Shapes.numel(out) <= MAX_VALUE_ELEMENTS) {
            long outer = Shapes.numel(Arrays.copyOfRange(data, 0, axis));
            long inner = Shapes.numel(Arrays.copyOfRange(data, axis + 1, data.length));
            long dim = data[axis];
            double[] r = new double[(int) Shapes.numel(out)];
            int q = 0;
            for (long o = 0; o < outer; o++) {
                for (long k : ix) {
                    long kk = k < 0 ? k + dim : k;
                    if (kk < 0 || kk >= dim) {
                        throw c.error("index " + k + " is out of range for dimension " + axis + " of " + c.fmt(0));
                    }
                    for (long in = 0; in < inner; in++) {
                        r[q++] = v[(int) ((o * dim + kk) * inner + in)];
                    }
                }
            }
            c.value(0, r);
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // dense layers

    private void gemm(Ctx c) {
        long[] a = c.in(0);
        long[] b = c.in(1);
        if (a.length != 2 || b.length != 2) {
            throw c.error("A " + c.fmt(0) + " and B " + c.fmt(1) + " must be matrices");
        }
        boolean ta = c.n.intAttr("transA", 0) != 0;
        boolean tb = c.n.intAttr("transB", 0) != 0;
        long m = ta ? a[1] : a[0];
        long ka = ta ? a[0] : a[1];
        long kb = tb ? b[1] : b[0];
        long n = tb ? b[0] : b[1];
        if (ka != kb) {
            throw c.error("A " + c.fmt(0) + (ta ? " (transposed)" : "") + " has " + ka + " columns but B "
                    + c.fmt(1) + (tb ? " (transposed)" : "") + " has " + kb + " rows");
        }
        long[] out = {m, n};
        if (c.present(2) && broadcast(c.in(2), out) == null) {
            throw c.error("C " + c.fmt(2) + " does not broadcast to " + Shapes.format(out));
        }
        c.out(0, out, c.type(0));
    }

    private void matmul(Ctx c) {
        boolean q = c.n.opType().equals("QLinearMatMul");
        long[] a = c.in(0);
        long[] b = c.in(q ? 3 : 1);
        long[] out = matmulShape(a, b);
        if (out == null) {
            throw c.error("operands " + c.fmt(0) + " and " + c.fmt(q ? 3 : 1) + " cannot be multiplied");
        }
        DataType t = c.n.opType().equals("MatMulInteger") ? DataType.INT32 : q ? c.type(7) : c.type(0);
        c.out(0, out, t);
    }

    /** numpy matmul shape rules, or null when the operands do not fit. */
    static long[] matmulShape(long[] a, long[] b) {
        if (a.length == 0 || b.length == 0) {
            return null;
        }
        long[] a2 = a.length == 1 ? new long[]{1, a[0]} : a;
        long[] b2 = b.length == 1 ? new long[]{b[0], 1} : b;
        if (a2[a2.length - 1] != b2[b2.length - 2]) {
            return null;
        }
        long[] batch = broadcast(Arrays.copyOf(a2, a2.length - 2), Arrays.copyOf(b2, b2.length - 2));
        if (batch == null) {
            return null;
        }
        List<Long> out = new ArrayList<>();
        for (long d : batch) {
            out.add(d);
        }
        if (a.length > 1) {
            out.add(a2[a2.length - 2]);
        }
        if (b.length > 1) {
            out.add(b2[b2.length - 1]);
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    // ---------------------------------------------------------------------------------------------------
    // resize, pad, reductions, normalisation

    private void resize(Ctx c) {
        long[] x = c.in(0);
        double[] scales = null;
        long[] sizes = null;
        if (c.n.opType().equals("Upsample") || opset < 11) {
            if (c.n.attributes().get("scales") instanceof Attribute.FloatList fl) {
                scales = fl.values().stream().mapToDouble(Float::doubleValue).toArray();
            } else if (c.present(1)) {
                scales = c.val(1);
                if (scales == null) {
                    c.needValue(1);
                    return;
                }
            }
        } else {
            if (c.present(3) && Shapes.numel(c.in(3)) > 0) {
                sizes = c.longs(3);
                if (sizes == null) {
                    c.needValue(3);
                    return;
                }
            } else if (c.present(2) && Shapes.numel(c.in(2)) > 0) {
                scales = c.val(2);
                if (scales == null) {
                    c.needValue(2);
                    return;
                }
            }
        }
        long[] axes = c.n.intsAttr("axes");
        int count = sizes != null ? sizes.length : scales != null ? scales.length : -1;
        if (count < 0) {
            throw c.error("has neither scales nor sizes");
        }
        if (axes == null) {
            if (count != x.length) {
                throw c.error((sizes != null ? "sizes" : "scales") + " have " + count + " entries for input "
                        + c.fmt(0));
            }
            axes = new long[count];
            for (int i = 0; i < count; i++) {
                axes[i] = i;
            }
        }
        long[] out = x.clone();
        for (int i = 0; i < axes.length; i++) {
            int a = normAxis(c, axes[i], x.length);
            out[a] = sizes != null ? sizes[i] : (long) Math.floor(x[a] * scales[i] + 1e-9);
        }
        String policy = c.n.stringAttr("keep_aspect_ratio_policy", "stretch");
        if (sizes != null && !policy.equals("stretch")) {
            double scale = policy.equals("not_larger") ? Double.MAX_VALUE : 0;
            for (int i = 0; i < axes.length; i++) {
                int a = normAxis(c, axes[i], x.length);
                double s = (double) sizes[i] / x[a];
                scale = policy.equals("not_larger") ? Math.min(scale, s) : Math.max(scale, s);
            }
            for (long ax : axes) {
                int a = normAxis(c, ax, x.length);
                out[a] = Math.round(x[a] * scale);
            }
        }
        c.out(0, out, c.type(0));
    }

    private void pad(Ctx c) {
        long[] x = c.in(0);
        long[] pads = c.n.intsAttr("pads");
        if (pads == null) {
            pads = c.n.intsAttr("paddings");
        }
        if (pads == null) {
            pads = c.longs(1);
            if (pads == null) {
                c.needValue(1);
                return;
            }
        }
        long[] axes = null;
        if (c.present(3)) {
            axes = c.longs(3);
            if (axes == null) {
                c.needValue(3);
                return;
            }
        }
        if (axes == null) {
            axes = new long[x.length];
            for (int i = 0; i < x.length; i++) {
                axes[i] = i;
            }
        }
        if (pads.length != 2 * axes.length) {
            throw c.error("pads " + Arrays.toString(pads) + " do not fit input " + c.fmt(0));
        }
        long[] out = x.clone();
        for (int i = 0; i < axes.length; i++) {
            int a = normAxis(c, axes[i], x.length);
            out[a] = x[a] + pads[i] + pads[i + axes.length];
        }
        c.out(0, out, c.type(0));
    }

    private void reduce(Ctx c) {
        long[] x = c.in(0);
        long[] axes = c.n.intsAttr("axes");
        if (axes == null && c.present(1)) {
            axes = c.longs(1);
            if (axes == null) {
                c.needValue(1);
                return;
            }
        }
        boolean keep = c.n.intAttr("keepdims", 1) != 0;
        boolean noopEmpty = c.n.intAttr("noop_with_empty_axes", 0) != 0;
        boolean[] reduced = new boolean[x.length];
        if (axes == null || axes.length == 0) {
            if (noopEmpty) {
                c.out(0, x, c.type(0));
                c.passValue();
                return;
            }
            Arrays.fill(reduced, true);
        } else {
            for (long a : axes) {
                reduced[normAxis(c, a, x.length)] = true;
            }
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (!reduced[i]) {
                out.add(x[i]);
            } else if (keep) {
                out.add(1L);
            }
        }
        long[] s = out.stream().mapToLong(Long::longValue).toArray();
        c.out(0, s, c.type(0));
        double[] v = c.val(0);
        if (v != null && x.length == 1 && reduced[0]) {
            double r = switch (c.n.opType()) {
                case "ReduceSum" -> Arrays.stream(v).sum();
                case "ReduceProd" -> Arrays.stream(v).reduce(1, (p, q) -> p * q);
                case "ReduceMax" -> Arrays.stream(v).max().orElse(Double.NEGATIVE_INFINITY);
                case "ReduceMin" -> Arrays.stream(v).min().orElse(Double.POSITIVE_INFINITY);
                default -> Double.NaN;
            };
            if (!Double.isNaN(r)) {
                c.value(0, new double[]{r});
            }
        }
    }

    private void argReduce(Ctx c) {
        long[] x = c.in(0);
        int axis = normAxis(c, c.n.intAttr("axis", 0), x.length);
        boolean keep = c.n.intAttr("keepdims", 1) != 0;
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (i != axis) {
                out.add(x[i]);
            } else if (keep) {
                out.add(1L);
            }
        }
        c.out(0, out.stream().mapToLong(Long::longValue).toArray(), DataType.INT64);
    }

    private void layerNorm(Ctx c) {
        long[] x = c.in(0);
        c.out(0, x, c.type(0));
        int axis = normAxis(c, c.n.intAttr("axis", -1), x.length);
        long[] stat = x.clone();
        for (int i = axis; i < x.length; i++) {
            stat[i] = 1;
        }
        DataType st = DataType.fromCode((int) c.n.intAttr("stash_type", DataType.FLOAT.code()));
        for (int i = 1; i < c.n.outputs().size(); i++) {
            c.out(i, stat, st);
        }
    }

    private void depthSpace(Ctx c) {
        long[] x = c.in(0);
        long b = c.n.intAttr("blocksize", 1);
        if (x.length != 4) {
            throw c.error("input " + c.fmt(0) + " must be 4-D");
        }
        long[] out = c.n.opType().equals("DepthToSpace")
                ? new long[]{x[0], x[1] / (b * b), x[2] * b, x[3] * b}
                : new long[]{x[0], x[1] * b * b, x[2] / b, x[3] / b};
        c.out(0, out, c.type(0));
    }

    private void topK(Ctx c) {
        long[] x = c.in(0);
        long k;
        if (c.present(1)) {
            long[] kv = c.longs(1);
            if (kv == null) {
                c.needValue(1);
                return;
            }
            k = kv[0];
        } else {
            k = c.n.intAttr("k", 1);
        }
        int axis = normAxis(c, c.n.intAttr("axis", -1), x.length);
        long[] out = x.clone();
        out[axis] = Math.min(k, x[axis]);
        c.out(0, out, c.type(0));
        c.out(1, out, DataType.INT64);
    }

    // ---------------------------------------------------------------------------------------------------
    // helpers

    private static int normAxis(Ctx c, long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw c.error("axis " + axis + " is outside rank " + rank);
        }
        return (int) a;
    }

    private static long[] fill(int n, long v) {
        long[] a = new long[n];
        Arrays.fill(a, v);
        return a;
    }

    static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    static long floorDiv(long a, long b) {
        return Math.floorDiv(a, b);
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    static boolean isInteger(DataType t) {
        return switch (t) {
            case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, BOOL -> true;
            default -> false;
        };
    }

    /** One node's view of what is known about its inputs, and the place its outputs are recorded. */
    private final class Ctx {
        final Node n;

        Ctx(Node n) {
            this.n = n;
        }

        boolean present(int i) {
            return !n.input(i).isEmpty();
        }

        long[] in(int i) {
            String name = n.input(i);
            long[] s = shapes.get(name);
            if (s == null) {
                throw error("input " + i + " is missing");
            }
            return s;
        }

        DataType type(int i) {
            DataType t = types.get(n.input(i));
            return t == null ? DataType.FLOAT : t;
        }

        String fmt(int i) {
            return "'" + n.input(i) + "' " + Shapes.format(in(i));
        }

        /** The value of input i when it is known and small, else null. */
        double[] val(int i) {
            String name = n.input(i);
            if (name.isEmpty()) {
                return null;
            }
            double[] v = values.get(name);
            if (v != null || noValue.contains(name)) {
                return v;
            }
            Tensor t = graph.constants().get(name);
            if (t != null && t.numel() <= MAX_VALUE_ELEMENTS && t.type() != DataType.STRING
                    && t.type() != DataType.UNDEFINED) {
                try {
                    float[] f = t.type().isFloatingPoint() ? t.toFloats() : null;
                    long[] l = f == null ? t.toLongs() : null;
                    v = new double[(int) t.numel()];
                    for (int k = 0; k < v.length; k++) {
                        v[k] = f != null ? f[k] : l[k];
                    }
                    values.put(name, v);
                    return v;
                } catch (RuntimeException e) {
                    noValue.add(name);
                    return null;
                }
            }
            noValue.add(name);
            return null;
        }

        long[] longs(int i) {
            double[] v = val(i);
            if (v == null) {
                return null;
            }
            long[] r = new long[v.length];
            for (int k = 0; k < v.length; k++) {
                r[k] = (long) v[k];
            }
            return r;
        }

        long[] ints(String attr, long[] fallback) {
            long[] v = n.intsAttr(attr);
            return v == null ? fallback : v;
        }

        void out(int i, long[] shape, DataType type) {
            String name = n.output(i);
            if (!name.isEmpty()) {
                shapes.put(name, shape.clone());
                types.put(name, type);
            }
        }

        void value(int i, double[] v) {
            String name = n.output(i);
            if (!name.isEmpty() && v.length <= MAX_VALUE_ELEMENTS) {
                values.put(name, v);
            }
        }

        void passValue() {
            double[] v = val(0);
            if (v != null) {
                value(0, v);
            }
        }

        void mapValue(DoubleUnaryOperator f) {
            double[] v = val(0);
            if (v != null) {
                double[] r = new double[v.length];
                for (int k = 0; k < v.length; k++) {
                    r[k] = f.applyAsDouble(v[k]);
                }
                value(0, r);
            }
        }

        void same() {
            out(0, in(0), type(0));
        }

        /** The output depends on the value of an input that is not known: leave the outputs unknown. */
        void needValue(int i) {
            // nothing recorded: the outputs stay unknown and go to the fallback
        }

        ShapeInferenceException error(String message) {
            return new ShapeInferenceException(n, message);
        }
    }
}
