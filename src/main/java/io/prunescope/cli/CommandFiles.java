package io.prunescope.cli;

import io.prunescope.files.GuardedWriter;
import io.prunescope.files.UnsafeOutputException;
import io.prunescope.session.Workspace;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@link GuardedWriter} of one command run, with the files the command reads already protected: the model, the
 * data, labels, calibration and plan files. Outputs are claimed right after, before any slow work, so a wrong
 * {@code -o} is reported in a second, not after an hour of sensitivity sweeps.
 */
final class CommandFiles {

    private CommandFiles() {
    }

    static GuardedWriter guard(Path model) throws UnsafeOutputException {
        return new GuardedWriter().protect(model, "the input model");
    }

    /** Once the model is read: its external data files are inputs too. */
    static void protectLoaded(GuardedWriter g, java.util.List<Path> externalDataFiles) throws UnsafeOutputException {
        g.protectAll(externalDataFiles, "the input model's external data file");
    }

    /** Also protects the measuring inputs (--data when it is a file or folder, --labels, --calibration). */
    static GuardedWriter guard(Path model, MeasureOptions.Data data, MeasureOptions.Calib calib)
            throws UnsafeOutputException {
        GuardedWriter g = guard(model);
        if (data != null && data.data != null && !data.isBundled()) {
            Path p = Path.of(data.data);
            if (Files.isRegularFile(p)) {
                g.protect(p, "the --data file");
            }
            g.protect(data.labels, "the --labels file");
        }
        if (calib != null) {
            g.protect(calib.calibration, "the --calibration file");
        }
        return g;
    }

    /** Once the model is read: its external data files are inputs too. */
    static void protectLoaded(GuardedWriter g, Workspace ws) throws UnsafeOutputException {
        protectLoaded(g, ws.inputFiles());
    }
}
