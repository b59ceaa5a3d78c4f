package io.prunescope.cli;

import io.prunescope.model.InputBindings;
import io.prunescope.onnx.ModelLoadException;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;

import java.nio.file.Path;
import java.util.Locale;

/** Helpers shared by evaluate, sensitivity and prune-target. */
final class MeasureCommands {

    private MeasureCommands() {
    }

    static Workspace open(Path model, InputBindings bindings) {
        try {
            return Workspace.open(model, bindings, CancellationToken.NEVER, Progress.NONE);
        } catch (ModelLoadException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    static String f4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }
}
