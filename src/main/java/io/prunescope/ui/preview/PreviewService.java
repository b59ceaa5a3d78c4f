package io.prunescope.ui.preview;

import io.prunescope.prune.Preview;
import io.prunescope.prune.PruneDecision;
import io.prunescope.prune.PruningPlan;
import io.prunescope.session.Workspace;
import io.prunescope.ui.MainViewModel;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The live preview: every change of the document's plan recomputes the decision and the costs off the FX thread,
 * on one worker, latest result wins. Requests are never queued: a new one replaces the pending one, and a result
 * whose request is no longer the latest is dropped. Results set the document's {@code decision} and
 * {@code preview}; {@link #previewedPlanProperty()} says which plan they belong to.
 */
public final class PreviewService {

    private record Request(long id, Workspace workspace, PruningPlan plan) {
    }

    private final MainViewModel document;
    private final Executor executor;
    private final AtomicReference<Request> pending = new AtomicReference<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicLong latest = new AtomicLong();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyObjectWrapper<PruningPlan> previewedPlan = new ReadOnlyObjectWrapper<>(this,
            "previewedPlan");
    private final ReadOnlyObjectWrapper<String> error = new ReadOnlyObjectWrapper<>(this, "error");

    public PreviewService(MainViewModel document, Executor executor) {
        this.document = document;
        this.executor = executor;
        document.planProperty().addListener((obs, old, now) -> request(document.getWorkspace(), now));
    }

    private void request(Workspace w, PruningPlan plan) {
        long id = latest.incrementAndGet();
        if (w == null || plan == null) {
            busy.set(false);
            previewedPlan.set(null);
            pending.set(null);
            return;
        }
        busy.set(true);
        pending.set(new Request(id, w, plan));
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        try {
            Request r;
            while ((r = pending.getAndSet(null)) != null) {
                if (r.id() != latest.get()) {
                    continue;
                }
                compute(r);
            }
        } finally {
            draining.set(false);
            // A request may have arrived between the last poll and clearing the flag.
            if (pending.get() != null && draining.compareAndSet(false, true)) {
                executor.execute(this::drain);
            }
        }
    }

    private void compute(Request r) {
        PruneDecision decision;
        Preview preview;
        try {
            decision = r.workspace().decide(r.plan());
            preview = r.workspace().preview(decision);
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            Platform.runLater(() -> {
                if (r.id() == latest.get()) {
                    busy.set(false);
                    error.set(message);
                    document.statusProperty().set("Preview failed: " + message);
                }
            });
            return;
        }
        Platform.runLater(() -> {
            if (r.id() != latest.get() || document.getWorkspace() != r.workspace()) {
                return; // superseded while computing
            }
            error.set(null);
            document.decisionProperty().set(decision);
            document.previewProperty().set(preview);
            previewedPlan.set(r.plan());
            busy.set(false);
        });
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The plan the document's current decision and preview were computed from. */
    public ReadOnlyObjectProperty<PruningPlan> previewedPlanProperty() {
        return previewedPlan.getReadOnlyProperty();
    }

    /** The last preview error (an impossible plan), or null. */
    public ReadOnlyObjectProperty<String> errorProperty() {
        return error.getReadOnlyProperty();
    }
}
