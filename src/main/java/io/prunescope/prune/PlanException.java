package io.prunescope.prune;

/** A plan that cannot be carried out, with a message naming the layer and what is wrong. */
public final class PlanException extends RuntimeException {

    public PlanException(String message) {
        super(message);
    }

    public PlanException(String message, Throwable cause) {
        super(message, cause);
    }
}
