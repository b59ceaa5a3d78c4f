package io.prunescope.ops;

import io.prunescope.model.DataType;
import io.prunescope.model.Graph;
import io.prunescope.model.Node;
import io.prunescope.model.Shapes;
import io.prunescope.model.Tensor;

import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

/** One node's view of what shape inference knows about its inputs, and the place its outputs are recorded. */
/** One node's view of what is known about its inputs, and the place its outputs are recorded. */
public final class ShapeContext {

/** Tensors up to this many elements have their values propagated (shape arithmetic, small constants). */
public static final int MAX_VALUE_ELEMENTS = 4096;

private final Graph graph;
private final long opset;
private final Map<String, long[]> shapes;
private final Map<String, DataType> types;
private final Map<String, double[]> values;
private final Set<String> noValue;
    public final Node n;

    public ShapeContext(Node n, Graph graph, long opset, Map<String, long[]> shapes, Map<String, DataType> types,
                        Map<String, double[]> values, Set<String> noValue) {
        this.n = n;
        this.graph = graph;
        this.opset = opset;
        this.shapes = shapes;
        this.types = types;
        this.values = values;
        this.noValue = noValue;
    }

    /** The model's default-domain opset (13 when the file does not say). */
    public long opset() {
        return opset;
    }

    public boolean present(int i) {
        return !n.input(i).isEmpty();
    }

    public long[] in(int i) {
        String name = n.input(i);
        long[] s = shapes.get(name);
        if (s == null) {
            throw error("input " + i + " is missing");
        }
        return s;
    }

    public DataType type(int i) {
        DataType t = types.get(n.input(i));
        return t == null ? DataType.FLOAT : t;
    }

    public String fmt(int i) {
        return "'" + n.input(i) + "' " + Shapes.format(in(i));
    }

    /** The value of input i when it is known and small, else null. */
    public double[] val(int i) {
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

    public long[] longs(int i) {
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

    public long[] ints(String attr, long[] fallback) {
        long[] v = n.intsAttr(attr);
        return v == null ? fallback : v;
    }

    public void out(int i, long[] shape, DataType type) {
        String name = n.output(i);
        if (!name.isEmpty()) {
            shapes.put(name, shape.clone());
            types.put(name, type);
        }
    }

    public void value(int i, double[] v) {
        String name = n.output(i);
        if (!name.isEmpty() && v.length <= MAX_VALUE_ELEMENTS) {
            values.put(name, v);
        }
    }

    public void passValue() {
        double[] v = val(0);
        if (v != null) {
            value(0, v);
        }
    }

    public void mapValue(DoubleUnaryOperator f) {
        double[] v = val(0);
        if (v != null) {
            double[] r = new double[v.length];
            for (int k = 0; k < v.length; k++) {
                r[k] = f.applyAsDouble(v[k]);
            }
            value(0, r);
        }
    }

    public void same() {
        out(0, in(0), type(0));
    }

    /** The output depends on the value of an input that is not known: leave the outputs unknown. */
    public void needValue(int i) {
        // nothing recorded: the outputs stay unknown and go to the fallback
    }

    /** The node is inconsistent (shapes that cannot work); the caller names the node in its message. */
    public InconsistentNodeException error(String message) {
        return new InconsistentNodeException(n, message);
    }
}
