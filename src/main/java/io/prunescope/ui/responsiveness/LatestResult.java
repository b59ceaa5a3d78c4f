package io.prunescope.ui.responsiveness;

import javafx.application.Platform;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A computation moved off the FX thread where only the latest request's result matters (the pattern of
 * {@code ui/preview/PreviewService}, for smaller jobs): {@link #submit} hands the work to the worker and its result
 * to the FX thread. Requests are never queued: a new one replaces one still waiting, and a result whose request is
 * no longer the latest is dropped, so a slow, superseded computation cannot overwrite a newer one.
 *
 * <p>{@link #submit} and {@link #discard} are called on the FX thread (the thread {@code fx} runs on); the request
 * counter is only read and written there, so the check "still the latest?" needs no lock.
 */
public final class LatestResult<T> {

    private record Request<T>(long id, Supplier<T> work, Consumer<T> apply) {
    }

    private final Executor worker;
    private final Executor fx;
    private final AtomicReference<Request<T>> waiting = new AtomicReference<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private long latest;

    /** Results applied with {@link Platform#runLater}. */
    public LatestResult(Executor worker) {
        this(worker, Platform::runLater);
    }

    /** @param fx runs the results' application on the thread that calls {@link #submit} (tests pass their own) */
    public LatestResult(Executor worker, Executor fx) {
        this.worker = Objects.requireNonNull(worker);
        this.fx = Objects.requireNonNull(fx);
    }

    /** Computes {@code work} on the worker; {@code apply} gets its result unless another request came meanwhile. */
    public void submit(Supplier<T> work, Consumer<T> apply) {
        waiting.set(new Request<>(++latest, work, apply));
        if (draining.compareAndSet(false, true)) {
            worker.execute(this::drain);
        }
    }

    /** Drops the request in flight, if any: its result will not be applied (for a change applied directly). */
    public void discard() {
        latest++;
        waiting.set(null);
    }

    private void drain() {
        try {
            Request<T> r;
            while ((r = waiting.getAndSet(null)) != null) {
                run(r);
            }
        } finally {
            draining.set(false);
            // a request may have come between the last poll and clearing the flag
            if (waiting.get() != null && draining.compareAndSet(false, true)) {
                worker.execute(this::drain);
            }
        }
    }

    private void run(Request<T> r) {
        T result = r.work().get();
        fx.execute(() -> {
            if (r.id() == latest) {
                r.apply().accept(result);
            }
        });
    }
}
