package io.prunescope.cli;

import io.prunescope.measure.ActivationCriteria;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.task.CancellationToken;
import io.prunescope.runtime.FloatTensor;
import io.prunescope.task.Progress;
import io.prunescope.session.Workspace;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** Helpers shared by evaluate, sensitivity and prune-target. */
final class MeasureCommands {

    private MeasureCommands() {
    }

    /**
     * For a criterion that ranks by activations (mean activation, APoZ), measures them on {@code calibration} and
     * applies them to the workspace, printing the notes to {@code err}; other criteria need nothing.
     */
    static void measureActivations(Workspace ws, Criterion c, Map<String, FloatTensor> calibration, int batch,
                                   MeasureOptions.Runtime runtime, PrintWriter err) {
        if (c.source() == Criterion.Source.EXTERNAL && c != Criterion.BN_SCALE) {
            ActivationCriteria.measureAndApply(ws, calibration, batch, runtime.options(), Progress.NONE,
                    CancellationToken.NEVER).notes().forEach(n -> err.println("note: " + n));
        }
    }

    static String f4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }
}
