package io.prunescope.model;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** A tensor shape whose dimensions may be known, symbolic or unknown. A {@code null} Shape means "rank unknown". */
public record Shape(List<Dim> dims) {

    public Shape {
        dims = List.copyOf(dims);
    }

    public static Shape of(long... values) {
        return new Shape(Arrays.stream(values).mapToObj(Dim::of).toList());
    }

    public int rank() {
        return dims.size();
    }

    public Dim dim(int i) {
        return dims.get(i);
    }

    /** True when every dimension has a concrete size. */
    public boolean isStatic() {
        return dims.stream().allMatch(Dim::isKnown);
    }

    /** Concrete sizes; only valid when {@link #isStatic()}. */
    public long[] toArray() {
        long[] out = new long[dims.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = dims.get(i).value();
        }
        return out;
    }

    /** Number of elements, or -1 when some dimension is not known. Saturates at Long.MAX_VALUE. */
    public long numel() {
        long n = 1;
        for (Dim d : dims) {
            if (!d.isKnown()) {
                return -1;
            }
            n = Shapes.saturatingMultiply(n, d.value());
        }
        return n;
    }

    @Override
    public String toString() {
        return dims.stream().map(Dim::toString).collect(Collectors.joining("×", "[", "]"));
    }
}
