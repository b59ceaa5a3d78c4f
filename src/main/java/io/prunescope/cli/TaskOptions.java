package io.prunescope.cli;

import io.prunescope.detection.DetectionDataset;
import io.prunescope.measure.Calibration;
import io.prunescope.measure.Metric;
import io.prunescope.runtime.Dataset;
import io.prunescope.runtime.FloatTensor;
import io.prunescope.session.Workspace;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --task classify|detect} and the detection options, for every command that measures a model: what the
 * metric is (top-1, or COCO mAP@0.5:0.95 for a detector) and which images calibrate recovery and activation criteria
 * (the letterboxed detection images for a detector).
 */
final class TaskOptions {

    @Option(names = "--task", paramLabel = "classify|detect", defaultValue = "classify",
            description = "What the model does (default ${DEFAULT-VALUE}); detect measures COCO mAP@0.5:0.95 on a"
                    + " data.yaml, a YOLO folder or a COCO .json given as --data.")
    String task;

    @Mixin
    DetectOptions detect = new DetectOptions();

    /** What a command measures with, once the model is open. */
    record Measuring(Metric metric, Map<String, FloatTensor> calibration, boolean labelled, String description) {
    }

    boolean detecting() {
        return switch (task.toLowerCase(Locale.ROOT)) {
            case "classify" -> false;
            case "detect" -> true;
            default -> throw new IllegalArgumentException("--task must be classify or detect, got '" + task + "'");
        };
    }

    /** Opens the model; a detector with dynamic height/width is bound to {@code --imgsz}. */
    Workspace open(ModelOptions options, Path model) {
        return detecting() ? options.openDetector(model, detect.imgsz) : options.open(model);
    }

    /** The detection data, cut to {@code --limit}. */
    DetectionDataset detectionData(MeasureOptions.Data data) {
        return DetectionDataset.first(detect.open(data.data), data.limit);
    }

    /**
     * The metric and calibration inputs: a detector is measured by mAP@0.5:0.95 on its data and calibrated on the
     * first {@code --calibration-limit} of its images letterboxed; a classifier by top-1 on labelled data or, with
     * none, by agreement with the original on calibration or random inputs.
     */
    Measuring measuring(Workspace ws, MeasureOptions.Data data, MeasureOptions.Calib calib) {
        if (detecting()) {
            if (data.data == null) {
                throw new IllegalArgumentException("--task detect needs --data: a data.yaml, a YOLO folder or a COCO"
                        + " .json");
            }
            DetectionDataset d = detectionData(data);
            return new Measuring(Metric.detection(d, detect.options()),
                    Calibration.letterboxed(ws, d, calib.calibrationLimit), true,
                    "mAP@0.5:0.95 on " + d.size() + " images of " + data.data);
        }
        Dataset labelled = data.present() ? data.open(ws) : null;
        Map<String, FloatTensor> calibration = calib.inputsOrRandom(ws, data, labelled);
        if (labelled != null) {
            return new Measuring(Metric.accuracy(labelled, data.batch), calibration, true,
                    "top-1 on " + labelled.size() + " samples");
        }
        return new Measuring(Metric.fidelity(calibration, Metric.FidelityKind.AGREEMENT, data.batch), calibration,
                false, "top-1 agreement with the original on " + calibration.values().iterator().next().batchSize()
                + " inputs");
    }
}
