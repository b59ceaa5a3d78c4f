package io.prunescope.measure;

import io.prunescope.detection.DetectionDataset;
import io.prunescope.detection.DetectionEvaluator;
import io.prunescope.detection.DetectionOptions;
import io.prunescope.detection.DetectionResult;
import io.prunescope.model.Dim;
import io.prunescope.model.Shape;
import io.prunescope.model.ValueInfo;
import io.prunescope.prune.ExportKind;
import io.prunescope.prune.Preview;
import io.prunescope.prune.PruningPlan;
import io.prunescope.task.CancellationToken;
import io.prunescope.runtime.InferenceSession;
import io.prunescope.task.Progress;
import io.prunescope.runtime.RuntimeOptions;
import io.prunescope.session.Workspace;

import java.util.List;
import java.util.Map;

/**
 * A detector against its pruned version (the hard export of a plan) on the same detection data: both models run
 * through {@link DetectionEvaluator} one after the other, with one progress count over both passes. The sessions are
 * opened and closed here, so callers (the measure window) get plain results and never touch ONNX Runtime.
 */
public final class DetectionComparison {

    private DetectionComparison() {
    }

    /**
     * Both evaluations on the same data.
     *
     * @param data            the images that were evaluated (after any limit), for drawing the detections
     * @param paramReduction  1 − params after / params before (the cost model's)
     * @param macReduction    1 − MACs after / MACs before
     */
    public record Report(DetectionResult original, DetectionResult pruned, DetectionDataset data,
                         double paramReduction, double macReduction) {
    }

    /**
     * The model's image input size as declared in the file.
     *
     * @param width     the static width, or −1 when symbolic or unknown
     * @param height    the static height, or −1
     * @param boundSize the square size the workspace analysed the model with (its bound height when width and height
     *                  agree), a suggestion for a dynamic input; 0 when there is none
     */
    public record InputSize(int width, int height, int boundSize) {

        /** True when the file fixes neither or only one of height and width: the letterbox size must be given. */
        public boolean dynamic() {
            return width <= 0 || height <= 0;
        }
    }

    /** The declared size of the workspace model's first image-shaped ([N, C, H, W]) input. */
    public static InputSize inputSize(Workspace ws) {
        for (Map.Entry<String, long[]> e : ws.inputShapes().entrySet()) {
            long[] bound = e.getValue();
            if (bound.length != 4) {
                continue;
            }
            int suggestion = bound[2] == bound[3] && bound[2] > 0 ? (int) bound[2] : 0;
            Shape declared = ws.model().graph().input(e.getKey()).map(ValueInfo::type)
                    .map(t -> t.shape()).orElse(null);
            if (declared == null || declared.rank() != 4) {
                return new InputSize(-1, -1, suggestion);
            }
            return new InputSize(known(declared.dim(3)), known(declared.dim(2)), suggestion);
        }
        return new InputSize(-1, -1, 0);
    }

    private static int known(Dim d) {
        return d.isKnown() && d.value() > 0 ? (int) d.value() : -1;
    }

    /**
     * True when an output looks like a YOLOv5 detector's: decoded {@code [1, N, 5 + C]} with many rows, or raw heads
     * {@code [1, 3, H, W, 5 + C]} or
     * {@code [1, 3 · (5 + C), H, W]} per level. A hint for which measure to offer first, not a check.
     */
    public static boolean looksLikeDetector(Workspace ws) {
        List<ValueInfo> outputs = ws.model().graph().outputs();
        for (ValueInfo out : outputs) {
            Shape s = out.type() == null ? null : out.type().shape();
            if (s == null) {
                continue;
            }
            long last = s.rank() > 0 ? s.dim(s.rank() - 1).value() : -1;
            if (s.rank() == 3 && last >= 6 && (s.dim(1).value() >= 100 || !s.dim(1).isKnown())) {
                return true;
            }
            if (s.rank() == 5 && s.dim(1).value() == 3 && last >= 6) {
                return true;
            }
            long channels = s.rank() == 4 ? s.dim(1).value() : -1;
            if (outputs.size() >= 2 && channels > 0 && channels % 3 == 0 && channels / 3 >= 6) {
                return true;
            }
        }
        return false;
    }

    /**
     * Evaluates the original model, then the plan's hard export, on {@code data}. Progress counts images over both
     * passes (2 × images); {@code cancel} is checked before every image.
     */
    public static Report compare(Workspace ws, PruningPlan plan, DetectionDataset data, DetectionOptions options,
                                 RuntimeOptions runtime, Progress progress, CancellationToken cancel) {
        cancel.throwIfCancelled();
        Preview preview = ws.preview(plan);
        byte[] pruned = ws.exportBytes(plan, ExportKind.HARD);
        cancel.throwIfCancelled();
        long n = data.size();
        DetectionResult a = evaluate(ws.originalBytes(), data, options, runtime,
                (done, total, message) -> progress.report(done, 2 * n, message), cancel);
        DetectionResult b = evaluate(pruned, data, options, runtime,
                (done, total, message) -> progress.report(n + done, 2 * n, message), cancel);
        return new Report(a, b, data, preview.paramReduction(), preview.macReduction());
    }

    /** One model, given as bytes, on {@code data}. */
    public static DetectionResult evaluate(byte[] model, DetectionDataset data, DetectionOptions options,
                                           RuntimeOptions runtime, Progress progress, CancellationToken cancel) {
        try (InferenceSession s = InferenceSession.open(model, runtime)) {
            return new DetectionEvaluator(options).evaluate(s, data, progress, cancel);
        }
    }
}
