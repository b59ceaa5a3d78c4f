package io.prunescope.ui;

import io.prunescope.model.InputBindings;
import io.prunescope.model.Model;
import io.prunescope.onnx.ModelLoadException;
import io.prunescope.prune.PruningPlan;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancelledException;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Opens models: runs a {@link LoadTask} on the worker executor, shows its progress through properties, and on the
 * FX thread either hands the new {@link Workspace} to the installer (with the plan to start from: the empty plan, or
 * a session's), asks for missing input sizes, or reports the error. Only the latest request counts: starting a new one cancels the one running, and results of superseded
 * tasks are dropped. A failed load leaves the previous model open.
 */
public final class ModelLoader {

    private final WorkspaceOpener opener;
    private final Executor executor;
    private final MainViewModel document;
    private final LoadInteraction interaction;
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress");
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private LoadTask current;
    private Consumer<Path> onOpened = p -> { };
    private BiConsumer<Workspace, PruningPlan> installer;
    /** The plan the current request should start from (a session's), or null for the model's empty plan. */
    private PruningPlan requestedPlan;

    public ModelLoader(WorkspaceOpener opener, Executor executor, MainViewModel document,
                       LoadInteraction interaction) {
        this.opener = opener;
        this.executor = executor;
        this.document = document;
        this.interaction = interaction;
        this.installer = (w, plan) -> document.install(w, plan == null ? w.emptyPlan() : plan);
    }

    /** Who installs an opened workspace with its starting plan (the window's plan editor). */
    public void setInstaller(BiConsumer<Workspace, PruningPlan> installer) {
        this.installer = installer;
    }

    /** Called on the FX thread with the file of every model that opened successfully (for the recent list). */
    public void setOnOpened(Consumer<Path> onOpened) {
        this.onOpened = onOpened;
    }

    public void open(Path file) {
        open(file, InputBindings.none(), null);
    }

    /** Opens a model with known input sizes and a plan to start from (a saved session); plan null = empty plan. */
    public void open(Path file, InputBindings bindings, PruningPlan plan) {
        requestedPlan = plan;
        start(new LoadTask(opener, file, null, bindings));
    }

    public void cancel() {
        if (current != null) {
            current.cancel(true);
        }
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    private void start(LoadTask task) {
        cancel();
        unbind();
        current = task;
        busy.set(true);
        progress.bind(task.progressProperty());
        message.bind(task.messageProperty());
        document.statusProperty().set("Opening " + task.file().getFileName() + "…");
        task.setOnSucceeded(e -> finished(task, () -> succeeded(task, task.getValue())));
        task.setOnFailed(e -> finished(task, () -> failed(task, task.getException())));
        task.setOnCancelled(e -> finished(task, () -> document.statusProperty().set("Opening cancelled")));
        executor.execute(task);
    }

    private void finished(LoadTask task, Runnable then) {
        if (task != current) {
            return; // superseded: a newer request owns the status now
        }
        unbind();
        busy.set(false);
        current = null;
        then.run();
    }

    private void unbind() {
        progress.unbind();
        message.unbind();
        progress.set(0);
        message.set("");
    }

    private void succeeded(LoadTask task, Workspace workspace) {
        PruningPlan plan = requestedPlan;
        requestedPlan = null;
        if (plan != null && plan.modelSha256() != null && !plan.modelSha256().equals(workspace.model().sha256())) {
            interaction.showLoadError(task.file(), "The session's plan was made for another version of "
                    + task.file().getFileName() + " (the file changed since); the model opens with an empty plan.");
            plan = null;
        }
        installer.accept(workspace, plan);
        Model m = workspace.model();
        document.statusProperty().set("Opened " + m.displayName() + ": " + Formats.count(m.graph().nodes().size())
                + " nodes");
        onOpened.accept(task.file());
    }

    private void failed(LoadTask task, Throwable error) {
        Path file = task.file();
        if (error instanceof LoadTask.NeedsDimensions needs) {
            document.statusProperty().set("Waiting for input sizes…");
            interaction.askDimensions(needs.source.model(), task.bindings(), needs.unbound.missing(), answer -> {
                if (answer.isPresent()) {
                    start(new LoadTask(opener, file, needs.source, answer.get()));
                } else {
                    document.statusProperty().set("Opening " + file.getFileName() + " cancelled");
                }
            });
            return;
        }
        if (error instanceof CancelledException) {
            document.statusProperty().set("Opening cancelled");
            return;
        }
        String text = error instanceof ModelLoadException ? error.getMessage()
                : "Unexpected error: " + error.getClass().getSimpleName()
                + (error.getMessage() == null ? "" : ": " + error.getMessage());
        document.statusProperty().set("Could not open " + file.getFileName());
        interaction.showLoadError(file, text);
    }
}
