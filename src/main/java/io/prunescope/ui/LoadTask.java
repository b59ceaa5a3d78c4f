package io.prunescope.ui;

import io.prunescope.model.InputBindings;
import io.prunescope.model.InputBindings.UnboundDimensionsException;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;
import javafx.concurrent.Task;

import java.nio.file.Path;

/**
 * Reads a model file (unless it was read already) and opens it as a {@link Workspace} (analysis, channel groups,
 * pruning engine), off the FX thread. Cancelling the task also cancels the token the analysis polls.
 */
final class LoadTask extends Task<Workspace> {

    /** Thrown when input sizes are missing; carries the model already read so it need not be read again. */
    static final class NeedsDimensions extends Exception {
        final Workspace.Source source;
        final UnboundDimensionsException unbound;

        NeedsDimensions(Workspace.Source source, UnboundDimensionsException unbound) {
            super(unbound.getMessage(), unbound, false, false);
            this.source = source;
            this.unbound = unbound;
        }
    }

    private final WorkspaceOpener opener;
    private final Path file;
    private final Workspace.Source preloaded;
    private final InputBindings bindings;
    private final CancellationToken token = new CancellationToken();

    LoadTask(WorkspaceOpener opener, Path file, Workspace.Source preloaded, InputBindings bindings) {
        this.opener = opener;
        this.file = file;
        this.preloaded = preloaded;
        this.bindings = bindings;
    }

    Path file() {
        return file;
    }

    InputBindings bindings() {
        return bindings;
    }

    @Override
    protected Workspace call() throws Exception {
        updateMessage("Reading " + file.getFileName() + "…");
        updateProgress(-1, 1);
        Workspace.Source source = preloaded != null ? preloaded : opener.read(file);
        token.throwIfCancelled();
        try {
            bindings.resolve(source.model());
            updateMessage("Analysing " + source.model().displayName() + "…");
            Workspace ws = opener.open(source, bindings, token, (done, total, msg) -> {
                if (total > 0) {
                    updateProgress(done, total);
                }
                if (msg != null && !msg.isEmpty()) {
                    updateMessage(msg);
                }
            });
            // The file's hash runs beside the analysis; the FX thread asks for it (empty plan), so wait here.
            ws.model().sha256();
            OpenPreparation.prepare(ws.analysis());
            return ws;
        } catch (UnboundDimensionsException e) {
            throw new NeedsDimensions(source, e);
        }
    }

    @Override
    protected void cancelled() {
        token.cancel();
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        token.cancel();
        return super.cancel(mayInterruptIfRunning);
    }
}
