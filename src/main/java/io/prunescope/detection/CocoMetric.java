package io.prunescope.detection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * COCO's bounding-box average precision, computed as pycocotools' {@code COCOeval} (iouType "bbox", area range
 * "all", {@code maxDets} 100) computes it, so that the numbers agree with it to rounding:
 * <ol>
 * <li><b>Per image and class</b>: ground truths are put non-crowd first (stable); detections are sorted by score,
 * highest first (stable), and cut to {@code maxDets}. IoU is intersection over union, and for a crowd ground truth
 * intersection over the detection's own area.</li>
 * <li><b>Matching</b>, for each IoU threshold {@code t} of {@link #IOU_THRESHOLDS}: each detection in score order
 * walks the ground truths in order, skipping non-crowd ones already matched (crowd ones may be matched again),
 * stopping at the first crowd one once it holds a non-crowd match, and takes the one of highest IoU ≥ t — a later
 * ground truth of equal IoU replaces an earlier one (pycocotools compares with {@code <}). A detection matched to a
 * crowd ground truth is ignored: neither true nor false positive.</li>
 * <li><b>Per class</b>, all images' detections (images in the order given, which should be pycocotools'
 * sorted image ids) are merged by score (stable); cumulative true/false positives give recall
 * {@code TP / #non-crowd ground truths} and precision {@code TP / (TP + FP + ε)} with ε = 2.2e-16 (numpy's
 * {@code spacing(1)}); precision is made non-increasing from the right and read at the 101 recall points
 * {@code 0, 0.01 … 1} at the first position whose recall reaches the point (0 where none does). AP is the mean of
 * the 101 values; a class without non-crowd ground truth has no AP and is left out of the means.</li>
 * </ol>
 * Thresholds are computed as numpy's {@code linspace} computes them ({@code start + i·step}, the last one exactly
 * the end), so a box whose IoU is exactly 0.85 passes 0.85 here as it does in pycocotools (0.5 + 0.05·7 would
 * be one ulp above it).
 */
public final class CocoMetric {

    /** pycocotools' {@code np.linspace(.5, 0.95, 10)}: 0.8999999999999999 for the ninth, not 0.9. */
    public static final double[] IOU_THRESHOLDS = linspace(0.5, 0.95, 10);
    /** pycocotools' {@code np.linspace(.0, 1.00, 101)}. */
    static final double[] RECALL_POINTS = linspace(0.0, 1.0, 101);
    /** numpy's {@code np.spacing(1)}. */
    private static final double EPS = Math.ulp(1.0);

    private final int numClasses;
    private final int maxDets;

    public CocoMetric(int numClasses) {
        this(numClasses, 100);
    }

    public CocoMetric(int numClasses, int maxDets) {
        if (numClasses <= 0 || maxDets <= 0) {
            throw new IllegalArgumentException("need at least one class and one detection per image, got "
                    + numClasses + " and " + maxDets);
        }
        this.numClasses = numClasses;
        this.maxDets = maxDets;
    }

    /** numpy's linspace: {@code start + i·((end − start)/(n − 1))}, the last value exactly {@code end}. */
    static double[] linspace(double start, double end, int n) {
        double step = (end - start) / (n - 1);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i * step + start;
        }
        v[n - 1] = end;
        return v;
    }

    /** AP per class: {@code ap[class][threshold]}, NaN for a class without non-crowd ground truth. */
    public record ApTable(double[][] ap) {

        /** Mean over the classes that have an AP at threshold index {@code t}; NaN if none has. */
        public double meanAt(int t) {
            double sum = 0;
            int n = 0;
            for (double[] row : ap) {
                if (!Double.isNaN(row[t])) {
                    sum += row[t];
                    n++;
                }
            }
            return n == 0 ? Double.NaN : sum / n;
        }

        /** Mean over classes and all thresholds (COCO's AP); NaN if no class has an AP. */
        public double meanAll() {
            double sum = 0;
            int n = 0;
            for (double[] row : ap) {
                for (double v : row) {
                    if (!Double.isNaN(v)) {
                        sum += v;
                        n++;
                    }
                }
            }
            return n == 0 ? Double.NaN : sum / n;
        }

        public double classMean(int c) {
            double s = 0;
            for (double v : ap[c]) {
                s += v;
            }
            return s / ap[c].length;
        }
    }

    /**
     * AP of every class and threshold.
     *
     * @param truths     ground truths per image; the list order is the evaluation order
     * @param detections {@link Detection#image()} indexes {@code truths}; within an image, equal scores keep this
     *                   list's order
     */
    public ApTable averagePrecision(List<List<GroundTruth>> truths, List<Detection> detections) {
        int images = truths.size();
        int t = IOU_THRESHOLDS.length;
        // detections[image][class], in list order
        List<List<List<Detection>>> byImage = group(truths.size(), detections);
        double[][] ap = new double[numClasses][t];
        for (int c = 0; c < numClasses; c++) {
            List<double[]> scores = new ArrayList<>();
            List<boolean[][]> tps = new ArrayList<>();
            List<boolean[][]> ignored = new ArrayList<>();
            int positives = 0;
            for (int i = 0; i < images; i++) {
                List<GroundTruth> g = new ArrayList<>();
                for (GroundTruth gt : truths.get(i)) {
                    if (gt.classIndex() == c) {
                        g.add(gt);
                    }
                }
                List<Detection> d = byImage.get(i).get(c);
                if (g.isEmpty() && d.isEmpty()) {
                    continue;
                }
                ImageEval e = evaluateImage(g, d);
                scores.add(e.scores);
                tps.add(e.matched);
                ignored.add(e.ignored);
                positives += e.positives;
            }
            if (positives == 0) {
                Arrays.fill(ap[c], Double.NaN);
                continue;
            }
            accumulate(scores, tps, ignored, positives, ap[c]);
        }
        return new ApTable(ap);
    }

    /** Detections sorted and cut, and per threshold which matched a ground truth and which are ignored. */
    private record ImageEval(double[] scores, boolean[][] matched, boolean[][] ignored, int positives) {
    }

    private ImageEval evaluateImage(List<GroundTruth> gtIn, List<Detection> dtIn) {
        List<GroundTruth> gt = new ArrayList<>(gtIn);
        gt.sort(Comparator.comparing(GroundTruth::crowd)); // stable: non-crowd first, as argsort(kind='mergesort')
        List<Detection> dt = new ArrayList<>(dtIn);
        dt.sort((a, b) -> Double.compare(b.score(), a.score()));
        if (dt.size() > maxDets) {
            dt = dt.subList(0, maxDets);
        }
        int nd = dt.size();
        int ng = gt.size();
        double[][] iou = new double[nd][ng];
        for (int d = 0; d < nd; d++) {
            for (int g = 0; g < ng; g++) {
                iou[d][g] = cocoIou(dt.get(d).box(), gt.get(g).box(), gt.get(g).crowd());
            }
        }
        int nt = IOU_THRESHOLDS.length;
        boolean[][] dtMatched = new boolean[nt][nd];
        boolean[][] dtIgnored = new boolean[nt][nd];
        for (int ti = 0; ti < nt; ti++) {
            boolean[] gtMatched = new boolean[ng];
            for (int d = 0; d < nd; d++) {
                double best = Math.min(IOU_THRESHOLDS[ti], 1 - 1e-10);
                int m = -1;
                for (int g = 0; g < ng; g++) {
                    boolean crowd = gt.get(g).crowd();
                    if (gtMatched[g] && !crowd) {
                        continue;
                    }
                    if (m > -1 && !gt.get(m).crowd() && crowd) {
                        break;
                    }
                    if (iou[d][g] < best) {
                        continue;
                    }
                    best = iou[d][g];
                    m = g;
                }
                if (m == -1) {
                    continue;
                }
                dtIgnored[ti][d] = gt.get(m).crowd();
                dtMatched[ti][d] = true;
                gtMatched[m] = true;
            }
        }
        double[] scores = new double[nd];
        for (int d = 0; d < nd; d++) {
            scores[d] = dt.get(d).score();
        }
        int positives = (int) gt.stream().filter(g -> !g.crowd()).count();
        return new ImageEval(scores, dtMatched, dtIgnored, positives);
    }

    /**
     * pycocotools' bbox IoU ({@code maskUtils.iou}): 0 without overlap; for a crowd ground truth the union is the
     * detection's own area.
     */
    static double cocoIou(Box d, Box g, boolean crowd) {
        double w = Math.min(d.x2(), g.x2()) - Math.max(d.x1(), g.x1());
        if (w <= 0) {
            return 0;
        }
        double h = Math.min(d.y2(), g.y2()) - Math.max(d.y1(), g.y1());
        if (h <= 0) {
            return 0;
        }
        double da = d.width() * d.height();
        double union = crowd ? da : da + g.width() * g.height() - w * h;
        return w * h / union;
    }

    private static void accumulate(List<double[]> scores, List<boolean[][]> matched, List<boolean[][]> ignored,
                                   int positives, double[] apOut) {
        int total = 0;
        for (double[] s : scores) {
            total += s.length;
        }
        double[] all = new double[total];
        int[] image = new int[total];
        int[] local = new int[total];
        int k = 0;
        for (int i = 0; i < scores.size(); i++) {
            for (int d = 0; d < scores.get(i).length; d++) {
                all[k] = scores.get(i)[d];
                image[k] = i;
                local[k] = d;
                k++;
            }
        }
        Integer[] order = new Integer[total];
        for (int i = 0; i < total; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(all[b], all[a])); // stable, as argsort(kind='mergesort')
        for (int ti = 0; ti < IOU_THRESHOLDS.length; ti++) {
            double[] recall = new double[total];
            double[] precision = new double[total];
            double tp = 0;
            double fp = 0;
            int n = 0;
            for (int idx : order) {
                boolean ig = ignored.get(image[idx])[ti][local[idx]];
                boolean m = matched.get(image[idx])[ti][local[idx]];
                if (!ig) {
                    if (m) {
                        tp++;
                    } else {
                        fp++;
                    }
                }
                // pycocotools keeps a position for every detection, ignored ones included
                recall[n] = tp / positives;
                precision[n] = tp / (fp + tp + EPS);
                n++;
            }
            for (int i = n - 1; i > 0; i--) {
                if (precision[i] > precision[i - 1]) {
                    precision[i - 1] = precision[i];
                }
            }
            double sum = 0;
            int pos = 0;
            for (double r : RECALL_POINTS) {
                while (pos < n && recall[pos] < r) {
                    pos++;
                }
                sum += pos < n ? precision[pos] : 0;
            }
            apOut[ti] = sum / RECALL_POINTS.length;
        }
    }

    private List<List<List<Detection>>> group(int images, List<Detection> detections) {
        List<List<List<Detection>>> byImage = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            List<List<Detection>> perClass = new ArrayList<>();
            for (int c = 0; c < numClasses; c++) {
                perClass.add(new ArrayList<>());
            }
            byImage.add(perClass);
        }
        for (Detection d : detections) {
            if (d.image() < 0 || d.image() >= images) {
                throw new IllegalArgumentException("detection on image " + d.image() + " but there are " + images
                        + " images");
            }
            if (d.classIndex() < 0 || d.classIndex() >= numClasses) {
                throw new IllegalArgumentException("detection of class " + d.classIndex() + " but there are "
                        + numClasses + " classes");
            }
            byImage.get(d.image()).get(d.classIndex()).add(d);
        }
        return byImage;
    }

    /**
     * Everything: COCO's AP (this class) and val.py's P and R ({@link ValPrecisionRecall}), per class and overall.
     *
     * @param names one per class
     */
    public DetectionMetrics evaluate(List<List<GroundTruth>> truths, List<Detection> detections, List<String> names) {
        int[] order = new int[truths.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return evaluate(truths, detections, names, order);
    }

    /**
     * As {@link #evaluate(List, List, List)}, with AP visiting the images in {@code apOrder} (a permutation of the
     * image indices: pycocotools' sorted image ids), P and R in list order (val.py's data loader order). The order
     * only decides between detections of equal score on different images.
     */
    public DetectionMetrics evaluate(List<List<GroundTruth>> truths, List<Detection> detections, List<String> names,
                                     int[] apOrder) {
        if (names.size() != numClasses) {
            throw new IllegalArgumentException(names.size() + " class names for " + numClasses + " classes");
        }
        for (List<GroundTruth> image : truths) {
            for (GroundTruth g : image) {
                if (g.classIndex() >= numClasses) {
                    throw new IllegalArgumentException("ground truth of class " + g.classIndex() + " but there are "
                            + numClasses + " classes");
                }
            }
        }
        if (apOrder.length != truths.size()) {
            throw new IllegalArgumentException("the image order has " + apOrder.length + " entries for "
                    + truths.size() + " images");
        }
        int[] position = new int[apOrder.length];
        Arrays.fill(position, -1);
        List<List<GroundTruth>> ordered = new ArrayList<>();
        for (int k = 0; k < apOrder.length; k++) {
            if (position[apOrder[k]] != -1) {
                throw new IllegalArgumentException("image " + apOrder[k] + " appears twice in the image order");
            }
            position[apOrder[k]] = k;
            ordered.add(truths.get(apOrder[k]));
        }
        List<Detection> moved = new ArrayList<>(detections.size());
        for (Detection d : detections) {
            if (d.image() < 0 || d.image() >= position.length) {
                throw new IllegalArgumentException("detection on image " + d.image() + " but there are "
                        + position.length + " images");
            }
            moved.add(new Detection(position[d.image()], d.classIndex(), d.score(), d.box()));
        }
        ApTable ap = averagePrecision(ordered, moved);
        ValPrecisionRecall.Result pr = ValPrecisionRecall.compute(truths, detections, numClasses);
        int[] images = new int[numClasses];
        int[] instances = new int[numClasses];
        for (List<GroundTruth> image : truths) {
            boolean[] seen = new boolean[numClasses];
            for (GroundTruth g : image) {
                if (!g.crowd()) {
                    instances[g.classIndex()]++;
                    seen[g.classIndex()] = true;
                }
            }
            for (int c = 0; c < numClasses; c++) {
                images[c] += seen[c] ? 1 : 0;
            }
        }
        List<ClassMetrics> perClass = new ArrayList<>();
        int totalInstances = 0;
        for (int c = 0; c < numClasses; c++) {
            totalInstances += instances[c];
            boolean has = !Double.isNaN(ap.ap()[c][0]);
            perClass.add(new ClassMetrics(c, names.get(c), images[c], instances[c], has ? ap.ap()[c][0] : Double.NaN,
                    has ? ap.classMean(c) : Double.NaN, pr.precision()[c], pr.recall()[c]));
        }
        return new DetectionMetrics(ap.meanAt(0), ap.meanAll(), pr.meanPrecision(), pr.meanRecall(), truths.size(),
                totalInstances, perClass);
    }
}
