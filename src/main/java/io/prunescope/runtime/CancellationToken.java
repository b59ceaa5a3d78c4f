package io.prunescope.runtime;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Cooperative cancellation for long runs (accuracy, calibration, benchmarks). Work checks it between
 * batches and stops with a {@link CancellationException}. A stand-in until the {@code task} package
 * provides the shared one; it is a {@link BooleanSupplier} so adapting either way is a lambda.
 */
public final class CancellationToken implements BooleanSupplier {

    /** A token that is never cancelled. */
    public static final CancellationToken NONE = new CancellationToken(() -> false);

    private final BooleanSupplier external;
    private volatile boolean cancelled;

    public CancellationToken() {
        this(() -> false);
    }

    private CancellationToken(BooleanSupplier external) {
        this.external = external;
    }

    /** Wraps another cancellation flag (e.g. a JavaFX Task's isCancelled). */
    public static CancellationToken of(BooleanSupplier isCancelled) {
        return new CancellationToken(isCancelled);
    }

    public void cancel() {
        if (this == NONE) {
            throw new UnsupportedOperationException("CancellationToken.NONE cannot be cancelled");
        }
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled || external.getAsBoolean();
    }

    @Override
    public boolean getAsBoolean() {
        return isCancelled();
    }

    /** Throws {@link CancellationException} if cancelled; call between units of work. */
    public void throwIfCancelled() {
        if (isCancelled()) {
            throw new CancellationException("cancelled");
        }
    }
}
