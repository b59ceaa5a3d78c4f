package io.prunescope.detection;

import io.prunescope.task.CancellationToken;
import io.prunescope.runtime.DatasetException;
import io.prunescope.runtime.FloatTensor;
import io.prunescope.runtime.InferenceSession;
import io.prunescope.runtime.Pixels;
import io.prunescope.task.Progress;
import io.prunescope.runtime.TensorSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a YOLOv5-style detector over a {@link DetectionDataset} one image at a time — letterbox, run, decode, NMS,
 * boxes back to the original image — and scores the detections with {@link CocoMetric}.
 */
public final class DetectionEvaluator {

    private final DetectionOptions options;

    public DetectionEvaluator(DetectionOptions options) {
        this.options = options;
    }

    public DetectionOptions options() {
        return options;
    }

    /**
     * @param progress told after every image
     * @param cancel   checked before every image
     */
    public DetectionResult evaluate(InferenceSession model, DetectionDataset data, Progress progress,
                                    CancellationToken cancel) {
        if (data.size() == 0) {
            throw new DatasetException("The data set has no images.");
        }
        String input = model.singleInputName();
        int[] wh = inputSize(model.input(input));
        Letterbox letterbox = new Letterbox(wh[0], wh[1]);
        YoloOutputDecoder decoder = new YoloOutputDecoder(options.anchors());
        YoloOutputDecoder.Form form = null;
        List<String> names = null;
        List<Detection> detections = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            cancel.throwIfCancelled();
            Pixels image = data.image(i);
            Letterbox.Letterboxed lb = letterbox.apply(image);
            Map<String, FloatTensor> out = model.run(Map.of(input, lb.input()));
            if (form == null) {
                Map<String, long[]> shapes = new LinkedHashMap<>();
                out.forEach((k, v) -> shapes.put(k, v.shape()));
                form = decoder.form(shapes);
                names = classNames(data, decoder.numClasses(shapes));
            }
            FloatTensor rows = decoder.decode(out, wh[1], wh[0]);
            if (rows.shape()[0] != 1) {
                throw new DetectionException("The model returned " + rows.shape()[0] + " images' detections for one"
                        + " image " + Arrays.toString(rows.shape()) + ".");
            }
            int width = (int) rows.shape()[2];
            for (NonMaxSuppression.Kept k : options.nms().apply(rows.data(), 0, (int) rows.shape()[1], width)) {
                detections.add(new Detection(i, k.classIndex(), k.score(), lb.toOriginal(k.box())));
            }
            progress.report(i + 1, data.size(), "");
        }
        DetectionMetrics metrics = score(data, detections, names, options.maxDets());
        return new DetectionResult(metrics, detections, wh[0], wh[1], form);
    }

    /**
     * COCO AP and val.py P/R of {@code detections} on {@code data}; AP visits the images in image-id order, as
     * pycocotools does, P and R in data set order, as val.py does.
     */
    public static DetectionMetrics score(DetectionDataset data, List<Detection> detections, List<String> names,
                                         int maxDets) {
        List<List<GroundTruth>> truths = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            truths.add(data.groundTruths(i));
        }
        return new CocoMetric(names.size(), maxDets).evaluate(truths, detections, names, ImageIds.cocoOrder(data));
    }

    /** The data set's names, checked against the model's class count. */
    static List<String> classNames(DetectionDataset data, int modelClasses) {
        List<String> names = data.classNames();
        if (data.classesDeclared() && names.size() != modelClasses) {
            throw new DetectionException("The model predicts " + modelClasses + " classes but the data set names "
                    + names.size() + "; evaluate a model with the data it was trained for.");
        }
        if (names.size() > modelClasses) {
            throw new DetectionException("The labels use class " + (names.size() - 1) + " but the model predicts only "
                    + modelClasses + " classes (0 … " + (modelClasses - 1) + ").");
        }
        List<String> out = new ArrayList<>(names);
        for (int c = names.size(); c < modelClasses; c++) {
            out.add(Integer.toString(c));
        }
        return out;
    }

    /** Width and height to letterbox to: the input's static size, or the option for a dynamic one. */
    int[] inputSize(TensorSpec spec) {
        long[] s = spec.shape();
        if (!spec.shapeKnown() || s.length != 4) {
            throw new DetectionException("The model's input " + spec + " is not an image batch [1, 3, H, W].");
        }
        if (s[1] >= 0 && s[1] != 3) {
            throw new DetectionException("The model's input " + spec + " has " + s[1] + " channels; a YOLOv5 detector"
                    + " reads 3 (RGB).");
        }
        if (s[0] > 1) {
            throw new DetectionException("The model's input " + spec + " has a fixed batch of " + s[0] + "; images are"
                    + " evaluated one at a time, so it must be 1 or dynamic.");
        }
        int given = options.imageSize();
        if (s[2] > 0 && s[3] > 0) {
            if (given > 0 && (given != s[2] || given != s[3])) {
                throw new DetectionException("The model's input is fixed at " + s[3] + "×" + s[2] + "; it cannot be fed"
                        + " " + given + "×" + given + " images.");
            }
            return new int[] {(int) s[3], (int) s[2]};
        }
        if (given <= 0) {
            throw new DetectionException("The model's input " + spec + " has no fixed size; give the image size"
                    + " (--imgsz).");
        }
        return new int[] {given, given};
    }
}
