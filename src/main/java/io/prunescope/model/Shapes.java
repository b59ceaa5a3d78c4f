package io.prunescope.model;

/** Small arithmetic helpers for shapes, shared by the reader, the analysis and the pruning code. */
public final class Shapes {

    private Shapes() {
    }

    public static long numel(long[] dims) {
        long n = 1;
        for (long d : dims) {
            n = saturatingMultiply(n, d);
        }
        return n;
    }

    /** Multiplies two non-negative counts, returning Long.MAX_VALUE instead of overflowing. */
    public static long saturatingMultiply(long a, long b) {
        if (a < 0 || b < 0) {
            return -1;
        }
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if (hi != 0 || lo < 0) {
            return Long.MAX_VALUE;
        }
        return lo;
    }

    public static String format(long[] dims) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                sb.append('×');
            }
            sb.append(dims[i]);
        }
        return sb.append(']').toString();
    }
}
