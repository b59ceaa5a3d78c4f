package io.prunescope.ui;

import io.prunescope.model.InputBindings;
import io.prunescope.prune.PruningPlan;
import io.prunescope.session.Autosave;
import io.prunescope.session.PlanSnapshot;
import io.prunescope.session.SessionFile;
import io.prunescope.session.Workspace;
import io.prunescope.ui.session.PlanEditor;
import javafx.application.Platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The document's files: session files (open, save), plan files (load, save) and the autosave, read and written on
 * the io thread, with results and errors brought back to the FX thread. Remembers the current session file.
 */
final class DocumentFiles {

    /** Shows an error to the person (a dialog). */
    @FunctionalInterface
    interface Errors {
        void show(String title, String header, String message);
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private final MainViewModel document;
    private final PlanEditor editor;
    private final ModelLoader loader;
    private final Autosave autosave;
    private final Executor io;
    private final Errors errors;
    private Path sessionPath;
    private Supplier<List<PlanSnapshot>> keptPlans =
            List::of;
    private Consumer<List<PlanSnapshot>> restoreKept = k -> { };

    DocumentFiles(MainViewModel document, PlanEditor editor, ModelLoader loader, Autosave autosave, Executor io,
                  Errors errors) {
        this.document = document;
        this.editor = editor;
        this.loader = loader;
        this.autosave = autosave;
        this.io = io;
        this.errors = errors;
    }

    /** The session file last opened or saved, or null. */
    /** Where the session's kept plans come from when it is saved, and go to when one is opened. */
    void setKeptPlans(Supplier<List<PlanSnapshot>> get,
                      Consumer<List<PlanSnapshot>> set) {
        this.keptPlans = get;
        this.restoreKept = set;
    }

    Path sessionPath() {
        return sessionPath;
    }

    void forgetSession() {
        sessionPath = null;
    }

    /** Reads a session file off the FX thread, then opens its model with its input sizes and plan. */
    void openSession(Path file) {
        CompletableFuture.supplyAsync(() -> {
            try {
                SessionFile session = SessionFile.read(file);
                rememberSaved(session);
                return session;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, io).whenComplete((session, error) -> Platform.runLater(() -> {
            if (error != null) {
                errors.show("Could not open session", "Could not open " + file.getFileName(), cause(error).getMessage());
                return;
            }
            sessionPath = file;
            openSession(session);
        }));
    }

    /** Opens a session already read (a restored autosave): its model with its input sizes and plan. */
    void openSession(SessionFile session) {
        if (!Files.isRegularFile(session.model())) {
            errors.show("Could not open session", "The session's model is missing",
                    "No model file at " + session.model());
            return;
        }
        restoreKept.accept(session.kept());
        loader.open(session.model(), new InputBindings(session.inputShapes(), Map.of()), session.plan());
    }

    /** Writes the session (model, input sizes, plan) off the FX thread. */
    void saveSession(Path file) {
        SessionFile session = currentSession();
        if (session == null) {
            return;
        }
        runIo(() -> {
            session.write(file);
            rememberSaved(session);
        }, "Could not save session", () -> {
            sessionPath = file;
            document.statusProperty().set("Saved session " + file.getFileName());
        });
    }

    void savePlan(Path file) {
        Workspace w = document.getWorkspace();
        PruningPlan plan = editor.current();
        if (w == null || plan == null) {
            return;
        }
        runIo(() -> w.savePlan(plan, file), "Could not save plan",
                () -> document.statusProperty().set("Saved plan " + file.getFileName()));
    }

    /** Reads and checks a plan off the FX thread; a plan for another model is refused with the engine's reason. */
    void loadPlan(Path file) {
        Workspace w = document.getWorkspace();
        if (w == null) {
            return;
        }
        CompletableFuture.supplyAsync(() -> {
            try {
                return w.loadPlan(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, io).whenComplete((plan, error) -> Platform.runLater(() -> {
            if (error != null) {
                errors.show("Could not load plan", "Could not load " + file.getFileName(), cause(error).getMessage());
                return;
            }
            if (document.getWorkspace() == w) {
                editor.replace(plan, "load plan " + file.getFileName());
                document.statusProperty().set("Loaded plan " + file.getFileName());
            }
        }));
    }

    /** A session on disk is not offered for restore after a crash (RestorePolicy); failing to note it is harmless. */
    private void rememberSaved(SessionFile session) {
        try {
            autosave.rememberSaved(session);
        } catch (IOException e) {
            // at worst the restore question is asked once more
        }
    }

    /** Saves the current session to the autosave folder (after every plan edit). */
    void autosave() {
        SessionFile session = currentSession();
        if (session == null) {
            return;
        }
        io.execute(() -> {
            try {
                autosave.save(session);
            } catch (IOException e) {
                Platform.runLater(() -> document.statusProperty().set("Autosave failed: " + e.getMessage()));
            }
        });
    }

    private SessionFile currentSession() {
        Workspace w = document.getWorkspace();
        PruningPlan plan = editor.current();
        if (w == null || plan == null || w.file() == null) {
            return null;
        }
        return new SessionFile(w.file().toAbsolutePath(), w.inputShapes(), plan, keptPlans.get());
    }

    private void runIo(IoAction action, String failureHeader, Runnable done) {
        CompletableFuture.runAsync(() -> {
            try {
                action.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, io).whenComplete((v, error) -> Platform.runLater(() -> {
            if (error == null) {
                done.run();
                return;
            }
            errors.show(failureHeader, failureHeader, cause(error).getMessage());
        }));
    }

    /** The I/O error inside the wrappers CompletableFuture puts around it. */
    private static Throwable cause(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : cause;
    }
}
