package io.prunescope.detection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The P and R columns of YOLOv5's val.py, which are not COCO figures:
 * <ol>
 * <li><b>Matching</b> at IoU 0.5, per image over all its detections (not cut to 100) and its non-crowd labels
 * (val.py's {@code process_batch}): every (label, detection) pair of the same class with
 * {@code IoU = inter / (union + 1e-7) ≥ 0.5} is a candidate; candidates are ordered by IoU, highest first; each
 * detection keeps its first candidate; then, in detection order, each label keeps its first remaining candidate.
 * The detections left are true positives.</li>
 * <li><b>Curves</b> ({@code ap_per_class}): all detections sorted by score (stable), per class with labels the
 * cumulative recall {@code TP / (n + 1e-16)} and precision {@code TP / (TP + FP)}, interpolated linearly at the
 * 1000 confidences {@code 0 … 1} of {@code np.linspace(0, 1, 1000)} (recall 0 and precision 1 above the
 * highest score, the last value below the lowest).</li>
 * <li><b>Operating point</b>: F1 = {@code 2PR / (P + R + 1e-16)} per class and confidence, averaged over the
 * classes with labels, smoothed by a 101-point moving average (the ends repeated: {@code smooth(f1, 0.1)}); the
 * first confidence of highest smoothed F1 is chosen.</li>
 * <li>P and R are each class's precision and recall at that confidence, averaged over the classes with labels (a
 * class with labels but no detection counts as 0). Without any true positive at all both are 0, as in val.py.</li>
 * </ol>
 * Ties are broken deterministically (stable sorts), where val.py's quicksort leaves exact ties in an unspecified
 * order.
 */
final class ValPrecisionRecall {

    private static final int POINTS = 1000;
    private static final double[] CONFIDENCES = CocoMetric.linspace(0, 1, POINTS);

    private ValPrecisionRecall() {
    }

    /** Per class P and R (NaN without labels) and their means over the classes with labels. */
    record Result(double[] precision, double[] recall, double meanPrecision, double meanRecall) {
    }

    static Result compute(List<List<GroundTruth>> truths, List<Detection> detections, int numClasses) {
        List<List<Detection>> byImage = new ArrayList<>();
        for (int i = 0; i < truths.size(); i++) {
            byImage.add(new ArrayList<>());
        }
        for (Detection d : detections) {
            byImage.get(d.image()).add(d);
        }
        int[] labels = new int[numClasses];
        List<Detection> all = new ArrayList<>();
        List<Boolean> correct = new ArrayList<>();
        for (int i = 0; i < truths.size(); i++) {
            List<GroundTruth> g = truths.get(i).stream().filter(t -> !t.crowd()).toList();
            g.forEach(t -> labels[t.classIndex()]++);
            List<Detection> d = byImage.get(i);
            boolean[] tp = match(g, d);
            for (int k = 0; k < d.size(); k++) {
                all.add(d.get(k));
                correct.add(tp[k]);
            }
        }
        double[] precision = new double[numClasses];
        double[] recall = new double[numClasses];
        int labelled = 0;
        for (int c = 0; c < numClasses; c++) {
            if (labels[c] == 0) {
                precision[c] = Double.NaN;
                recall[c] = Double.NaN;
            } else {
                labelled++;
            }
        }
        if (labelled == 0 || !correct.contains(Boolean.TRUE)) {
            for (int c = 0; c < numClasses; c++) {
                if (labels[c] > 0) {
                    precision[c] = 0;
                    recall[c] = 0;
                }
            }
            return new Result(precision, recall, labelled == 0 ? Double.NaN : 0, labelled == 0 ? Double.NaN : 0);
        }
        Integer[] order = new Integer[all.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(all.get(b).score(), all.get(a).score()));
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int idx : order) {
            byClass.get(all.get(idx).classIndex()).add(idx);
        }
        double[][] p = new double[numClasses][POINTS];
        double[][] r = new double[numClasses][POINTS];
        for (int c = 0; c < numClasses; c++) {
            List<Integer> mine = byClass.get(c);
            if (labels[c] == 0 || mine.isEmpty()) {
                continue;
            }
            int n = mine.size();
            double[] xp = new double[n];
            double[] rp = new double[n];
            double[] pp = new double[n];
            double tpc = 0;
            double fpc = 0;
            for (int k = 0; k < n; k++) {
                int idx = mine.get(k);
                if (correct.get(idx)) {
                    tpc++;
                } else {
                    fpc++;
                }
                xp[k] = -all.get(idx).score();
                rp[k] = tpc / (labels[c] + 1e-16);
                pp[k] = tpc / (tpc + fpc);
            }
            for (int j = 0; j < POINTS; j++) {
                r[c][j] = interp(-CONFIDENCES[j], xp, rp, 0);
                p[c][j] = interp(-CONFIDENCES[j], xp, pp, 1);
            }
        }
        double[] f1Mean = new double[POINTS];
        for (int j = 0; j < POINTS; j++) {
            double s = 0;
            for (int c = 0; c < numClasses; c++) {
                if (labels[c] > 0) {
                    s += 2 * p[c][j] * r[c][j] / (p[c][j] + r[c][j] + 1e-16);
                }
            }
            f1Mean[j] = s / labelled;
        }
        int best = argmax(smooth(f1Mean, 0.1));
        double mp = 0;
        double mr = 0;
        for (int c = 0; c < numClasses; c++) {
            if (labels[c] > 0) {
                precision[c] = p[c][best];
                recall[c] = r[c][best];
                mp += precision[c];
                mr += recall[c];
            }
        }
        return new Result(precision, recall, mp / labelled, mr / labelled);
    }

    /** val.py's process_batch at IoU 0.5: which of the image's detections are true positives. */
    static boolean[] match(List<GroundTruth> labels, List<Detection> dets) {
        List<double[]> pairs = new ArrayList<>(); // label, detection, iou
        for (int l = 0; l < labels.size(); l++) {
            for (int d = 0; d < dets.size(); d++) {
                if (labels.get(l).classIndex() != dets.get(d).classIndex()) {
                    continue;
                }
                double iou = iou(labels.get(l).box(), dets.get(d).box());
                if (iou >= 0.5) {
                    pairs.add(new double[] {l, d, iou});
                }
            }
        }
        // highest IoU first; for equal IoU the later pair first (numpy's ascending argsort reversed)
        List<double[]> sorted = new ArrayList<>(pairs);
        java.util.Collections.reverse(sorted);
        sorted.sort((a, b) -> Double.compare(b[2], a[2]));
        double[][] byDetection = new double[dets.size()][];
        for (double[] m : sorted) {
            int d = (int) m[1];
            if (byDetection[d] == null) {
                byDetection[d] = m;
            }
        }
        boolean[] labelTaken = new boolean[labels.size()];
        boolean[] tp = new boolean[dets.size()];
        for (double[] m : byDetection) { // detection order, as np.unique leaves them
            if (m != null && !labelTaken[(int) m[0]]) {
                labelTaken[(int) m[0]] = true;
                tp[(int) m[1]] = true;
            }
        }
        return tp;
    }

    /** YOLOv5's box_iou: {@code inter / (area1 + area2 − inter + 1e-7)}. */
    private static double iou(Box a, Box b) {
        double inter = Math.max(0, Math.min(a.x2(), b.x2()) - Math.max(a.x1(), b.x1()))
                * Math.max(0, Math.min(a.y2(), b.y2()) - Math.max(a.y1(), b.y1()));
        return inter / (a.width() * a.height() + b.width() * b.height() - inter + 1e-7);
    }

    /** numpy's interp for increasing {@code xp}: {@code left} below, the last value above, linear between. */
    static double interp(double x, double[] xp, double[] fp, double left) {
        int n = xp.length;
        if (x < xp[0]) {
            return left;
        }
        if (x >= xp[n - 1]) {
            return fp[n - 1];
        }
        // largest j with xp[j] <= x (so xp[j + 1] > x)
        int lo = 0;
        int hi = n - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (xp[mid] <= x) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double slope = (fp[lo + 1] - fp[lo]) / (xp[lo + 1] - xp[lo]);
        return slope * (x - xp[lo]) + fp[lo];
    }

    /** YOLOv5's smooth: a box filter of {@code round(n·f·2) // 2 + 1} points, the ends repeated. */
    static double[] smooth(double[] y, double f) {
        int nf = (int) Math.rint(y.length * f * 2) / 2 + 1;
        int half = nf / 2;
        double[] padded = new double[y.length + 2 * half];
        for (int i = 0; i < padded.length; i++) {
            int src = Math.max(0, Math.min(y.length - 1, i - half));
            padded[i] = y[src];
        }
        double w = 1.0 / nf;
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            double s = 0;
            for (int j = 0; j < nf; j++) {
                s += padded[i + j] * w;
            }
            out[i] = s;
        }
        return out;
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
