package io.prunescope.ui.measure;

import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One background job at a time for a measure-window view model: runs a {@link Task} on the worker and mirrors it
 * into the view model's running / progress / status properties. Only the latest task's events count, so a task
 * that ends after a newer one started changes nothing.
 */
final class BackgroundRun {

    private final ReadOnlyBooleanWrapper running;
    private final ReadOnlyDoubleWrapper progress;
    private final ReadOnlyStringWrapper status;
    private final Executor worker;
    private Task<?> task;

    BackgroundRun(ReadOnlyBooleanWrapper running, ReadOnlyDoubleWrapper progress, ReadOnlyStringWrapper status,
                  Executor worker) {
        this.running = running;
        this.progress = progress;
        this.status = status;
        this.worker = worker;
    }

    /**
     * Starts {@code t} (call on the FX thread).
     *
     * @param onSuccess     given the task's value on the FX thread
     * @param cancelledText the status once cancelled (asked when it happens)
     * @param failure       what failed, the start of the status line that carries the error ("Evaluation failed")
     */
    <T> void start(Task<T> t, Consumer<T> onSuccess, Supplier<String> cancelledText, String failure) {
        t.messageProperty().addListener((obs, old, now) -> {
            if (task == t && t.isRunning() && now != null && !now.isEmpty()) {
                status.set(now);
            }
        });
        t.progressProperty().addListener((obs, old, now) -> {
            if (task == t && t.isRunning()) {
                progress.set(Math.max(0, now.doubleValue()));
            }
        });
        t.setOnSucceeded(e -> {
            if (task == t) {
                finish();
                onSuccess.accept(t.getValue());
            }
        });
        t.setOnCancelled(e -> {
            if (task == t) {
                finish();
                status.set(cancelledText.get());
            }
        });
        t.setOnFailed(e -> {
            if (task == t) {
                finish();
                Throwable x = t.getException();
                status.set(x instanceof CancellationException ? "Cancelled."
                        : failure + ": " + (x.getMessage() == null ? x.toString() : x.getMessage()));
            }
        });
        task = t;
        running.set(true);
        progress.set(-1);
        status.set("Starting …");
        worker.execute(t);
    }

    /** Stops the running task (it ends at its next cancellation check). */
    void cancel() {
        Task<?> t = task;
        if (t != null && t.isRunning()) {
            t.cancel();
        }
    }

    private void finish() {
        running.set(false);
        progress.set(0);
    }
}
