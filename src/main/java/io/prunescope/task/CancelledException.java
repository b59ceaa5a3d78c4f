package io.prunescope.task;

/** Thrown out of a computation that noticed its {@link CancellationToken} was cancelled. */
public final class CancelledException extends RuntimeException {

    public CancelledException() {
        super("cancelled", null, false, false);
    }
}
