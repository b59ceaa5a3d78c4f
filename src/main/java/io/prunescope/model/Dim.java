package io.prunescope.model;

/**
 * One dimension of a tensor shape: a known size, a symbolic name such as {@code batch}, or unknown.
 * Symbolic dimensions stay symbolic in the model; the user binds them to concrete values (see {@link InputBindings}).
 */
public record Dim(long value, String symbol) {

    public static final Dim UNKNOWN = new Dim(-1, null);

    public static Dim of(long value) {
        return new Dim(value, null);
    }

    public static Dim symbolic(String symbol) {
        return new Dim(-1, symbol);
    }

    public boolean isKnown() {
        return value >= 0;
    }

    public boolean isSymbolic() {
        return value < 0 && symbol != null && !symbol.isEmpty();
    }

    @Override
    public String toString() {
        if (isKnown()) {
            return Long.toString(value);
        }
        return isSymbolic() ? symbol : "?";
    }
}
