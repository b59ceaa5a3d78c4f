package io.prunescope.cli;

import io.prunescope.detection.ClassMetrics;
import io.prunescope.files.GuardedWriter;
import io.prunescope.detection.CocoResultsJson;
import io.prunescope.detection.DetectionDataset;
import io.prunescope.detection.DetectionEvaluator;
import io.prunescope.detection.DetectionException;
import io.prunescope.detection.DetectionMetrics;
import io.prunescope.detection.DetectionResult;
import io.prunescope.measure.Comparison;
import io.prunescope.onnx.ModelLoadException;
import io.prunescope.runtime.AccuracyResult;
import io.prunescope.task.CancellationToken;
import io.prunescope.runtime.Dataset;
import io.prunescope.runtime.DatasetException;
import io.prunescope.runtime.InferenceException;
import io.prunescope.runtime.InferenceSession;
import io.prunescope.task.Progress;
import io.prunescope.session.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code evaluate MODEL [PRUNED] --data ...}: top-1 (and top-5) accuracy on labelled data, or with
 * {@code --task detect} COCO mAP and val.py's P/R of a YOLOv5-style detector.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Top-1 (and top-5 with at least 5 classes) accuracy of a model, and of a pruned version of it,"
                + " on labelled data: an image folder (one sub-folder per class), IDX files (gzip accepted), or the"
                + " bundled Fashion-MNIST subset (--data bundled).",
                "With --task detect: COCO mAP@0.5 and mAP@0.5:0.95 (pycocotools' definition) and val.py's P and R of a"
                        + " YOLOv5-style detector on a data.yaml, a YOLO folder (images/, labels/) or a COCO annotation"
                        + " .json (--images DIR)."})
final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    TaskOptions task = new TaskOptions();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The ONNX model.")
    Path model;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PRUNED", description = "A pruned ONNX model to compare.")
    Path pruned;

    @Mixin
    MeasureOptions.Data data = new MeasureOptions.Data();

    @Mixin
    MeasureOptions.Runtime runtime = new MeasureOptions.Runtime();

    @Mixin
    ModelOptions options = new ModelOptions();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try {
            return task.detecting() ? detect(out) : classify(out);
        } catch (DatasetException | DetectionException | InferenceException e) {
            // Bad data or a model that does not fit it: the person's input, so exit 2 (not the internal-error 1).
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** PRUNED goes through the same reader as MODEL: its size limits and external-data checks (DESIGN §8). */
    private static byte[] readChecked(Path file) {
        try {
            return Workspace.read(file).bytes();
        } catch (ModelLoadException e) {
            throw new IllegalArgumentException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    private Integer classify(PrintWriter out) throws IOException {
        Workspace ws = options.open(model);
        Dataset d = data.open(ws);
        if (d.size() == 0) {
            throw new IllegalArgumentException("--data " + data.data + " has no samples"
                    + (data.limit > 0 ? " (after --limit " + data.limit + ")" : "") + "; there is nothing to evaluate");
        }
        byte[] prunedBytes = pruned == null ? null : readChecked(pruned);
        Common.Table t = new Common.Table(new String[] {"model", "top-1", "top-5", "samples", "classes"},
                new boolean[] {false, true, true, true, true});
        AccuracyResult a = Comparison.accuracy(ws.originalBytes(), d, data.batch, runtime.options(),
                Progress.NONE, CancellationToken.NEVER);
        row(t, model.getFileName().toString(), a);
        if (pruned != null) {
            AccuracyResult b = Comparison.accuracy(prunedBytes, d, data.batch, runtime.options(),
                    Progress.NONE, CancellationToken.NEVER);
            row(t, pruned.getFileName().toString(), b);
            t.add("difference", MeasureCommands.f4(b.top1() - a.top1()),
                    a.top5() == null || b.top5() == null ? "-" : MeasureCommands.f4(b.top5() - a.top5()), "", "");
        }
        out.print(t.render());
        out.flush();
        return 0;
    }

    private static void row(Common.Table t, String name, AccuracyResult r) {
        t.add(name, MeasureCommands.f4(r.top1()), r.top5() == null ? "-" : MeasureCommands.f4(r.top5()),
                Integer.toString(r.total()), Integer.toString(r.numClasses()));
    }

    private Integer detect(PrintWriter out) throws IOException {
        DetectOptions detect = task.detect;
        GuardedWriter files = CommandFiles.guard(model, data, null).protect(pruned, "the PRUNED model");
        Path prunedDetections = detect.saveDetections == null || pruned == null ? null
                : DetectOptions.prunedSibling(detect.saveDetections);
        files.claim(detect.saveDetections, "--save-detections").claim(prunedDetections, "the pruned model's detections");
        DetectionDataset d = task.detectionData(data);
        if (d.size() == 0) {
            throw new IllegalArgumentException("--data " + data.data + " has no images"
                    + (data.limit > 0 ? " (after --limit " + data.limit + ")" : "") + "; there is nothing to evaluate");
        }
        var settings = detect.options();
        DetectionResult a = evaluateDetector(model, d, settings);
        DetectionResult b = pruned == null ? null : evaluateDetector(pruned, d, settings);
        Common.Table t = new Common.Table(new String[] {"model", "mAP50", "mAP50-95", "P", "R", "images", "instances"},
                new boolean[] {false, true, true, true, true, true, true});
        detectionRow(t, model.getFileName().toString(), a.metrics());
        if (b != null) {
            detectionRow(t, pruned.getFileName().toString(), b.metrics());
            DetectionMetrics x = a.metrics();
            DetectionMetrics y = b.metrics();
            t.add("difference", signed(y.map50() - x.map50()), signed(y.map50to95() - x.map50to95()),
                    signed(y.precision() - x.precision()), signed(y.recall() - x.recall()), "", "");
        }
        out.print(t.render());
        out.printf(Locale.ROOT, "%dx%d letterbox, %s output; AP as pycocotools COCOeval (maxDets 100), P/R as val.py"
                + " (IoU 0.5, max mean-F1 confidence)%n", a.inputWidth(), a.inputHeight(),
                a.form() == io.prunescope.detection.YoloOutputDecoder.Form.DECODED ? "decoded" : "raw-head");
        if (detect.perClass) {
            perClass(out, model.getFileName().toString(), a.metrics());
            if (b != null) {
                perClass(out, pruned.getFileName().toString(), b.metrics());
            }
        }
        if (detect.saveDetections != null) {
            files.write(detect.saveDetections, target -> CocoResultsJson.write(target, a.detections(), d));
            out.println("detections: " + detect.saveDetections + " (" + a.detections().size() + ")");
            if (b != null) {
                files.write(prunedDetections, target -> CocoResultsJson.write(target, b.detections(), d));
                out.println("detections: " + prunedDetections + " (" + b.detections().size() + ")");
            }
        }
        out.flush();
        return 0;
    }

    /**
     * Reads the file with PruneScope's checked reader first (size limits, external data that must stay in the
     * model's folder; DESIGN §8), then lets ONNX Runtime load it. No shape analysis: a detector's input size may be
     * dynamic and is settled by --imgsz.
     */
    private DetectionResult evaluateDetector(Path file, DetectionDataset d,
                                             io.prunescope.detection.DetectionOptions settings) {
        try (InferenceSession s = InferenceSession.open(readChecked(file), runtime.options())) {
            return new DetectionEvaluator(settings).evaluate(s, d, Progress.NONE, CancellationToken.NEVER);
        }
    }

    private static void detectionRow(Common.Table t, String name, DetectionMetrics m) {
        t.add(name, num(m.map50()), num(m.map50to95()), num(m.precision()), num(m.recall()),
                Integer.toString(m.images()), Integer.toString(m.instances()));
    }

    private static void perClass(PrintWriter out, String name, DetectionMetrics m) {
        Common.Table t = new Common.Table(new String[] {"class", "images", "instances", "P", "R", "mAP50", "mAP50-95"},
                new boolean[] {false, true, true, true, true, true, true});
        for (ClassMetrics c : m.perClass()) {
            t.add(c.classIndex() + " " + c.name(), Integer.toString(c.images()), Integer.toString(c.instances()),
                    num(c.precision()), num(c.recall()), num(c.ap50()), num(c.ap50to95()));
        }
        out.println();
        out.println(name + ":");
        out.print(t.render());
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "-" : MeasureCommands.f4(v);
    }

    private static String signed(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%+.4f", v);
    }
}
