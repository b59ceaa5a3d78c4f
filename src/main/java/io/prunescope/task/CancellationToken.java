package io.prunescope.task;

import java.util.concurrent.atomic.AtomicBoolean;

/** Lets a long computation be stopped from another thread; the computation polls {@link #throwIfCancelled()}. */
public final class CancellationToken {

    public static final CancellationToken NEVER = new CancellationToken();

    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
        if (this != NEVER) {
            cancelled.set(true);
        }
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    public void throwIfCancelled() {
        if (cancelled.get()) {
            throw new CancelledException();
        }
    }
}
