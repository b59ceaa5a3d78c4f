package io.prunescope.ui.export;

import io.prunescope.prune.ProofInputs;
import io.prunescope.prune.PruningPlan;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancelledException;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.prefs.Preferences;

/**
 * The export dialog's state: which files, the destination folder and base name (remembered in preferences), and
 * the running export's progress and result. Errors go to the error handler (a dialog) and the result text.
 */
public final class ExportViewModel {

    private final Workspace workspace;
    private final PruningPlan plan;
    private final Executor executor;
    private final Preferences prefs;
    private final String baseKey;
    private final BooleanProperty hard = new SimpleBooleanProperty(this, "hard", true);
    private final BooleanProperty soft = new SimpleBooleanProperty(this, "soft", false);
    private final BooleanProperty planJson = new SimpleBooleanProperty(this, "plan", true);
    private final StringProperty folder = new SimpleStringProperty(this, "folder", "");
    private final StringProperty baseName = new SimpleStringProperty(this, "baseName", "");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper(this, "result", "");
    private final ReadOnlyObjectWrapper<Boolean> verified = new ReadOnlyObjectWrapper<>(this, "verified");
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper(this, "verdict", "");
    private Supplier<ProofInputs> proofInputs;
    private BiConsumer<String, String> onError = (header, text) -> { };
    private ExportTask task;

    public ExportViewModel(Workspace workspace, PruningPlan plan, Executor executor, Preferences prefs) {
        this.workspace = workspace;
        this.plan = plan;
        this.executor = executor;
        this.prefs = prefs;
        String model = workspace.model().displayName();
        String stem = model.toLowerCase(Locale.ROOT).endsWith(".onnx") ? model.substring(0, model.length() - 5)
                : model;
        this.baseKey = "export.base." + Integer.toHexString(model.hashCode());
        Path modelDir = workspace.file() == null ? null : workspace.file().toAbsolutePath().getParent();
        folder.set(prefs.get("export.folder", modelDir == null ? System.getProperty("user.home")
                : modelDir.toString()));
        baseName.set(prefs.get(baseKey, stem + "-pruned"));
        hard.set(prefs.getBoolean("export.hard", true));
        soft.set(prefs.getBoolean("export.soft", false));
        planJson.set(prefs.getBoolean("export.plan", true));
    }

    /** Images the user loaded, read on the worker, to prove on instead of synthetic inputs (null: synthetic). */
    public void setProofInputs(Supplier<ProofInputs> inputs) {
        this.proofInputs = inputs;
    }

    /** VERIFIED, VERIFIED WITHOUT n GROUP(S) or FAILED after an export; empty before. */
    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    public void setOnError(BiConsumer<String, String> onError) {
        this.onError = onError;
    }

    /** Export is possible: something chosen, a folder and a base name, nothing running. */
    public BooleanBinding canExport() {
        return Bindings.createBooleanBinding(() -> !running.get() && (hard.get() || soft.get() || planJson.get())
                        && !folder.get().isBlank() && validBase(baseName.get()),
                running, hard, soft, planJson, folder, baseName);
    }

    static boolean validBase(String s) {
        return s != null && !s.isBlank() && !s.contains("/") && !s.contains("\\") && !s.equals(".")
                && !s.equals("..");
    }

    public void export() {
        if (!canExport().get()) {
            return;
        }
        ExportRequest request;
        try {
            request = new ExportRequest(hard.get(), soft.get(), planJson.get(), Path.of(folder.get().trim()),
                    baseName.get().trim());
        } catch (InvalidPathException e) {
            fail("Invalid folder", e.getMessage());
            return;
        }
        prefs.put("export.folder", request.folder().toString());
        prefs.put(baseKey, request.baseName());
        prefs.putBoolean("export.hard", request.hard());
        prefs.putBoolean("export.soft", request.soft());
        prefs.putBoolean("export.plan", request.plan());
        ExportTask t = new ExportTask(workspace, plan, request, proofInputs);
        task = t;
        running.set(true);
        verified.set(null);
        verdict.set("");
        result.set("");
        progress.bind(t.progressProperty());
        message.bind(t.messageProperty());
        t.setOnSucceeded(e -> finish(t, () -> succeeded(t.getValue())));
        t.setOnFailed(e -> finish(t, () -> failed(t.getException())));
        t.setOnCancelled(e -> finish(t, () -> result.set("Export cancelled.")));
        executor.execute(t);
    }

    public void cancel() {
        if (task != null) {
            task.cancel(true);
        }
    }

    private void finish(ExportTask t, Runnable then) {
        if (t != task) {
            return;
        }
        progress.unbind();
        message.unbind();
        running.set(false);
        task = null;
        then.run();
    }

    private void succeeded(ExportTask.Outcome o) {
        result.set(ExportResultText.of(o));
        verdict.set(ExportResultText.verdict(o.proof()));
        verified.set(o.proof().proven());
    }

    private void failed(Throwable e) {
        if (e instanceof CancelledException) {
            result.set("Export cancelled.");
            return;
        }
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        fail("Export failed", text);
    }

    private void fail(String header, String text) {
        result.set(header + ": " + text);
        verified.set(false);
        onError.accept(header, text);
    }

    public BooleanProperty hardProperty() {
        return hard;
    }

    public BooleanProperty softProperty() {
        return soft;
    }

    public BooleanProperty planProperty() {
        return planJson;
    }

    public StringProperty folderProperty() {
        return folder;
    }

    public StringProperty baseNameProperty() {
        return baseName;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** Null before an export finished; then whether it was verified. */
    public ReadOnlyObjectProperty<Boolean> verifiedProperty() {
        return verified.getReadOnlyProperty();
    }
}
