package io.prunescope.ops;

import io.prunescope.model.DataType;
import io.prunescope.model.Shapes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;

/** Shape arithmetic shared by the op rules: broadcasting, sliding windows, matmul shapes, integer division. */
public final class ShapeMath {

    private ShapeMath() {
    }

    static DoubleBinaryOperator binaryOp(String op, boolean integer) {
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

    public static long[] broadcast(long[] a, long[] b) {
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

    public static long[] broadcast(ShapeContext c, long[] a, long[] b) {
        long[] s = broadcast(a, b);
        if (s == null) {
            throw c.error("shapes " + Shapes.format(a) + " and " + Shapes.format(b) + " do not broadcast");
        }
        return s;
    }

    /** Index into a (right-aligned, broadcast) operand of shape {@code s} for a flat output index. */
    public static int sourceIndex(long[] out, long[] s, long flat) {
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

    public static double[] broadcastApply(long[] out, long[] sa, double[] a, long[] sb, double[] b,
                                           DoubleBinaryOperator f) {
        int n = (int) Shapes.numel(out);
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = f.applyAsDouble(a[sourceIndex(out, sa, i)], b[sourceIndex(out, sb, i)]);
        }
        return r;
    }

    /** numpy matmul shape rules, or null when the operands do not fit. */
    public static long[] matmulShape(long[] a, long[] b) {
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

    public static int normAxis(ShapeContext c, long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw c.error("axis " + axis + " is outside rank " + rank);
        }
        return (int) a;
    }

    public static long[] fill(int n, long v) {
        long[] a = new long[n];
        Arrays.fill(a, v);
        return a;
    }

    public static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    public static long floorDiv(long a, long b) {
        return Math.floorDiv(a, b);
    }

    public static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    public static boolean isInteger(DataType t) {
        return switch (t) {
            case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, BOOL -> true;
            default -> false;
        };
    }

    /**
     * Output spatial sizes of a sliding window (Conv, pooling): pads, auto_pad, strides, dilations, ceil_mode.
     */
    public static long[] windowOutput(ShapeContext c, long[] in, long[] k, int sp, boolean ceilAllowed) {
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

    /** Product of s[from..to). */
    public static long product(long[] s, int from, int to) {
        long p = 1;
        for (int i = from; i < to; i++) {
            p *= s[i];
        }
        return p;
    }
}
