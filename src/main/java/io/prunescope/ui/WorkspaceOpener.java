package io.prunescope.ui;

import io.prunescope.model.InputBindings;
import io.prunescope.onnx.ModelLoadException;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;

import java.nio.file.Path;

/**
 * How the UI opens models: read the file (so missing input sizes can be asked for with the model in hand), then
 * analyse it into a {@link Workspace}. Both run off the FX thread. The default goes straight to {@code Workspace};
 * tests wrap it (to slow the analysis down, for instance).
 */
public interface WorkspaceOpener {

    Workspace.Source read(Path file) throws ModelLoadException;

    /** May throw {@link InputBindings.UnboundDimensionsException} and {@link io.prunescope.task.CancelledException}. */
    Workspace open(Workspace.Source source, InputBindings bindings, CancellationToken cancel, Progress progress);

    WorkspaceOpener DEFAULT = new WorkspaceOpener() {
        @Override
        public Workspace.Source read(Path file) throws ModelLoadException {
            return Workspace.read(file);
        }

        @Override
        public Workspace open(Workspace.Source source, InputBindings bindings, CancellationToken cancel,
                              Progress progress) {
            return Workspace.open(source, bindings, cancel, progress);
        }
    };
}
