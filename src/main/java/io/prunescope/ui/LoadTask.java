package io.prunescope.ui;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.model.InputBindings;
import io.prunescope.model.InputBindings.UnboundDimensionsException;
import io.prunescope.model.Model;
import io.prunescope.task.CancellationToken;
import javafx.concurrent.Task;

import java.nio.file.Path;

/**
 * Reads a model file (unless it was read already) and analyses it, off the FX thread. Cancelling the task also
 * cancels the token the analysis polls.
 */
final class LoadTask extends Task<ModelAnalysis> {

    /** Thrown when input sizes are missing; carries the model already read so it need not be read again. */
    static final class NeedsDimensions extends Exception {
        final Model model;
        final UnboundDimensionsException unbound;

        NeedsDimensions(Model model, UnboundDimensionsException unbound) {
            super(unbound.getMessage(), unbound, false, false);
            this.model = model;
            this.unbound = unbound;
        }
    }

    private final UiServices services;
    private final Path file;
    private final Model preloaded;
    private final InputBindings bindings;
    private final CancellationToken token = new CancellationToken();

    LoadTask(UiServices services, Path file, Model preloaded, InputBindings bindings) {
        this.services = services;
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
    protected ModelAnalysis call() throws Exception {
        updateMessage("Reading " + file.getFileName() + "…");
        updateProgress(-1, 1);
        Model model = preloaded != null ? preloaded : services.reader().read(file);
        token.throwIfCancelled();
        try {
            bindings.resolve(model);
            updateMessage("Analysing " + model.displayName() + "…");
            return services.analysis().analyze(model, bindings, token, (done, total, msg) -> {
                if (total > 0) {
                    updateProgress(done, total);
                }
                if (msg != null && !msg.isEmpty()) {
                    updateMessage(msg);
                }
            });
        } catch (UnboundDimensionsException e) {
            throw new NeedsDimensions(model, e);
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
