package io.prunescope.detection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * YOLOv5's {@code non_max_suppression} as val.py calls it (multi-label, class-aware):
 * <ol>
 * <li>rows with objectness {@code > confThreshold} are kept;</li>
 * <li>each class {@code j} with {@code obj · p_j > confThreshold} makes a candidate (box, class j, score
 * {@code obj · p_j}), in row order, then class order; with {@code multiLabel} off only the best class does;</li>
 * <li>candidates are sorted by score, highest first (stable), and cut to {@code maxCandidates};</li>
 * <li>greedy NMS per class: a candidate is dropped when its IoU with a kept box of the same class is
 * {@code > iouThreshold} (torchvision's rule); boxes of different classes never suppress each other;</li>
 * <li>at most {@code maxDetections} survivors, highest scores first.</li>
 * </ol>
 * Boxes are {@code cx, cy, w, h} → corners, in the rows' pixels. YOLOv5's time limit per batch is left out, so the
 * result never depends on the machine's speed.
 */
public record NonMaxSuppression(double confThreshold, double iouThreshold, int maxDetections, int maxCandidates,
                                boolean multiLabel) {

    /** val.py's settings: conf 0.001, IoU 0.6, 300 detections, 30,000 candidates, multi-label. */
    public static final NonMaxSuppression VAL = new NonMaxSuppression(0.001, 0.6, 300, 30_000, true);

    public NonMaxSuppression {
        if (!(confThreshold >= 0 && confThreshold <= 1)) {
            throw new IllegalArgumentException("the confidence threshold must be within [0, 1], got " + confThreshold);
        }
        if (!(iouThreshold >= 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException("the IoU threshold must be within [0, 1], got " + iouThreshold);
        }
        if (maxDetections <= 0 || maxCandidates <= 0) {
            throw new IllegalArgumentException("the detection and candidate limits must be positive, got "
                    + maxDetections + " and " + maxCandidates);
        }
    }

    public NonMaxSuppression withConfThreshold(double c) {
        return new NonMaxSuppression(c, iouThreshold, maxDetections, maxCandidates, multiLabel);
    }

    public NonMaxSuppression withIouThreshold(double t) {
        return new NonMaxSuppression(confThreshold, t, maxDetections, maxCandidates, multiLabel);
    }

    public NonMaxSuppression withMaxDetections(int n) {
        return new NonMaxSuppression(confThreshold, iouThreshold, n, maxCandidates, multiLabel);
    }

    /** A surviving box in the rows' pixels. */
    public record Kept(int classIndex, float score, Box box) {
    }

    /**
     * Suppresses within rows {@code [offset, offset + n)} of width {@code 5 + C} of {@code rows}.
     *
     * @return survivors, highest score first
     */
    public List<Kept> apply(float[] rows, int offset, int n, int width) {
        if (width < 6) {
            throw new IllegalArgumentException("a row needs cx, cy, w, h, obj and at least one class, got width " + width);
        }
        int classes = width - 5;
        List<Kept> candidates = new ArrayList<>();
        float conf = (float) confThreshold;
        for (int r = 0; r < n; r++) {
            int o = (offset + r) * width;
            float obj = rows[o + 4];
            if (!(obj > conf)) {
                continue;
            }
            Box box = corners(rows, o);
            if (box == null) {
                continue; // a NaN or infinite box can match nothing
            }
            if (multiLabel) {
                for (int j = 0; j < classes; j++) {
                    float score = rows[o + 5 + j] * obj;
                    if (score > conf) {
                        candidates.add(new Kept(j, score, box));
                    }
                }
            } else {
                int best = 0;
                for (int j = 1; j < classes; j++) {
                    if (rows[o + 5 + j] > rows[o + 5 + best]) {
                        best = j;
                    }
                }
                float score = rows[o + 5 + best] * obj;
                if (score > conf) {
                    candidates.add(new Kept(best, score, box));
                }
            }
        }
        Kept[] sorted = candidates.toArray(new Kept[0]);
        Arrays.sort(sorted, (a, b) -> Float.compare(b.score(), a.score())); // stable: a merge sort for objects
        int m = Math.min(sorted.length, maxCandidates);
        List<List<Box>> keptByClass = new ArrayList<>();
        for (int j = 0; j < classes; j++) {
            keptByClass.add(new ArrayList<>());
        }
        List<Kept> out = new ArrayList<>();
        // Candidates come in descending score, so once maxDetections are kept no later one could rank among them.
        for (int i = 0; i < m && out.size() < maxDetections; i++) {
            Kept c = sorted[i];
            List<Box> same = keptByClass.get(c.classIndex());
            boolean suppressed = false;
            for (Box k : same) {
                if (k.iou(c.box()) > iouThreshold) {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed) {
                same.add(c.box());
                out.add(c);
            }
        }
        return out;
    }

    private static Box corners(float[] rows, int o) {
        float cx = rows[o];
        float cy = rows[o + 1];
        float w = rows[o + 2];
        float h = rows[o + 3];
        if (!(Float.isFinite(cx) && Float.isFinite(cy) && Float.isFinite(w) && Float.isFinite(h))) {
            return null;
        }
        // In float, as YOLOv5's xywh2xyxy on a float32 tensor.
        return new Box(cx - w / 2f, cy - h / 2f, cx + w / 2f, cy + h / 2f);
    }
}
