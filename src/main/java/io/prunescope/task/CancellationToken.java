package io.prunescope.task;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * The one cancellation flag of the application: a long computation polls {@link #throwIfCancelled()} between units
 * of work and another thread calls {@link #cancel()}. {@link #of(BooleanSupplier)} adapts another flag (a JavaFX
 * {@code Task}'s {@code isCancelled}) without JavaFX reaching the engine.
 */
public final class CancellationToken {

    /** A token that is never cancelled; {@link #cancel()} on it does nothing. */
    public static final CancellationToken NEVER = new CancellationToken(() -> false);

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final BooleanSupplier external;

    public CancellationToken() {
        this(() -> false);
    }

    private CancellationToken(BooleanSupplier external) {
        this.external = external;
    }

    /** A token that is also cancelled whenever {@code isCancelled} says so. */
    public static CancellationToken of(BooleanSupplier isCancelled) {
        return new CancellationToken(isCancelled);
    }

    public void cancel() {
        if (this != NEVER) {
            cancelled.set(true);
        }
    }

    public boolean isCancelled() {
        return cancelled.get() || external.getAsBoolean();
    }

    /** Throws {@link CancelledException} if cancelled; call between units of work. */
    public void throwIfCancelled() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }
}
