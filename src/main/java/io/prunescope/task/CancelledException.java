package io.prunescope.task;

import java.util.concurrent.CancellationException;

/**
 * Thrown out of a computation that noticed its {@link CancellationToken} was cancelled. It is a
 * {@link CancellationException}, so code written against the JDK's cancellation (futures, tasks) recognises it.
 */
public final class CancelledException extends CancellationException {

    public CancelledException() {
        super("cancelled");
    }
}
