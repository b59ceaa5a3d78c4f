package io.prunescope.detection;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * COCO AP on cases small enough to compute by hand (each test says how). Precision carries pycocotools' ε
 * (TP / (TP + FP + 2.2e-16)), so a perfect AP comes out one ulp below 1, as in pycocotools.
 */
class CocoMetricTest {

    private static final double EXACT = 1e-12;

    private static GroundTruth gt(int c, double x, double y, double w, double h) {
        return GroundTruth.of(c, Box.ofXywh(x, y, w, h));
    }

    private static GroundTruth crowd(int c, double x, double y, double w, double h) {
        return new GroundTruth(c, Box.ofXywh(x, y, w, h), true);
    }

    private static Detection det(int image, int c, double score, double x, double y, double w, double h) {
        return new Detection(image, c, score, Box.ofXywh(x, y, w, h));
    }

    private static DetectionMetrics eval(int classes, List<List<GroundTruth>> truths, List<Detection> dets) {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("c" + c);
        }
        return new CocoMetric(classes).evaluate(truths, dets, names);
    }

    @Test
    void perfectDetectionsScoreOne() {
        List<List<GroundTruth>> truths = List.of(
                List.of(gt(0, 10, 10, 50, 40), gt(1, 100, 80, 30, 30)),
                List.of(gt(0, 5, 5, 20, 20)));
        List<Detection> dets = List.of(det(0, 0, 0.9, 10, 10, 50, 40), det(0, 1, 0.8, 100, 80, 30, 30),
                det(1, 0, 0.7, 5, 5, 20, 20));
        DetectionMetrics m = eval(2, truths, dets);
        assertThat(m.map50()).isCloseTo(1.0, within(EXACT));
        assertThat(m.map50to95()).isCloseTo(1.0, within(EXACT));
        assertThat(m.precision()).isCloseTo(1.0, within(1e-9));
        assertThat(m.recall()).isCloseTo(1.0, within(1e-9));
        assertThat(m.images()).isEqualTo(2);
        assertThat(m.instances()).isEqualTo(3);
        assertThat(m.perClass().get(0).instances()).isEqualTo(2);
        assertThat(m.perClass().get(0).images()).isEqualTo(2);
        assertThat(m.perClass().get(1).images()).isEqualTo(1);
    }

    /**
     * Every detection covers the left 72 % of its 100×100 ground truth: IoU = 7200 / 10000 = 0.72, above the
     * thresholds 0.50 … 0.70 (5 of 10) and below 0.75 … 0.95. AP50 = 1, AP50-95 = 5 / 10.
     */
    @Test
    void iouOfPoint72PassesHalfTheThresholds() {
        List<List<GroundTruth>> truths = List.of(List.of(gt(0, 0, 0, 100, 100)), List.of(gt(0, 200, 50, 100, 100)));
        List<Detection> dets = List.of(det(0, 0, 0.9, 0, 0, 72, 100), det(1, 0, 0.6, 200, 50, 72, 100));
        assertThat(CocoMetric.cocoIou(dets.get(0).box(), truths.get(0).get(0).box(), false)).isEqualTo(0.72);
        DetectionMetrics m = eval(1, truths, dets);
        assertThat(m.map50()).isCloseTo(1.0, within(EXACT));
        assertThat(m.map50to95()).isCloseTo(0.5, within(EXACT));
    }

    /** A second, lower-scored detection on a found object is a false positive after the true one: AP stays 1. */
    @Test
    void lowerScoredDuplicateDoesNotLowerAp() {
        List<List<GroundTruth>> truths = List.of(List.of(gt(0, 0, 0, 100, 100)));
        List<Detection> dets = List.of(det(0, 0, 0.9, 0, 0, 100, 100), det(0, 0, 0.8, 1, 1, 99, 99));
        DetectionMetrics m = eval(1, truths, dets);
        assertThat(m.map50()).isCloseTo(1.0, within(EXACT));
        assertThat(m.map50to95()).isCloseTo(1.0, within(EXACT));
    }

    /**
     * The higher-scored detection covers 62 % of the object (IoU 0.62), the lower one all of it. At t = 0.50, 0.55,
     * 0.60 the first takes the object and the second is a false positive after it: AP 1. At t ≥ 0.65 the first is a
     * false positive and the second a true one: recall [0, 1], precision [0, 1/2] → made monotone [1/2, 1/2], so all
     * 101 recall points read 1/2. AP50 = 1, AP50-95 = (3·1 + 7·0.5) / 10 = 0.65.
     */
    @Test
    void higherScoredDuplicateInTheWrongPlace() {
        List<List<GroundTruth>> truths = List.of(List.of(gt(0, 0, 0, 100, 100)));
        List<Detection> dets = List.of(det(0, 0, 0.9, 0, 0, 62, 100), det(0, 0, 0.8, 0, 0, 100, 100));
        DetectionMetrics m = eval(1, truths, dets);
        assertThat(m.map50()).isCloseTo(1.0, within(EXACT));
        assertThat(m.map50to95()).isCloseTo(0.65, within(EXACT));
    }

    /** One of two objects found, no false positive: precision 1 up to recall 0.5 (51 of 101 points), then 0. */
    @Test
    void oneOfTwoMissedGives51Over101() {
        List<List<GroundTruth>> truths = List.of(List.of(gt(0, 0, 0, 10, 10), gt(0, 50, 50, 10, 10)));
        DetectionMetrics m = eval(1, truths, List.of(det(0, 0, 0.5, 0, 0, 10, 10)));
        assertThat(m.map50()).isCloseTo(51.0 / 101, within(EXACT));
        assertThat(m.map50to95()).isCloseTo(51.0 / 101, within(EXACT));
        assertThat(m.recall()).isCloseTo(0.5, within(1e-9));
        assertThat(m.precision()).isCloseTo(1.0, within(1e-9));
    }

    /**
     * A box in the right place with the wrong class: class 0 has its object but no detection (AP 0), class 1 has a
     * detection but no object, so it is left out of the mean; mAP = 0. With a correct class-1 pair in another image
     * class 1 has AP 1 and the mean is 1/2.
     */
    @Test
    void wrongClassIsAMissAndAFalsePositive() {
        List<List<GroundTruth>> truths = new ArrayList<>(List.of(List.of(gt(0, 0, 0, 10, 10))));
        List<Detection> dets = new ArrayList<>(List.of(det(0, 1, 0.9, 0, 0, 10, 10)));
        DetectionMetrics m = eval(2, truths, dets);
        assertThat(m.map50()).isEqualTo(0.0);
        assertThat(m.perClass().get(1).ap50()).isNaN();
        assertThat(m.perClass().get(1).instances()).isZero();

        truths.add(List.of(gt(1, 0, 0, 10, 10)));
        dets.add(det(1, 1, 0.95, 0, 0, 10, 10));
        m = eval(2, truths, dets);
        // class 1: 0.95 TP then 0.9 FP → AP 1; class 0: AP 0
        assertThat(m.perClass().get(1).ap50()).isCloseTo(1.0, within(EXACT));
        assertThat(m.perClass().get(0).ap50()).isEqualTo(0.0);
        assertThat(m.map50()).isCloseTo(0.5, within(EXACT));
    }

    /**
     * Two images, two classes; all boxes that hit do so exactly (IoU 1), so every threshold gives the same AP.
     * <pre>
     * image 0: A class 0 (0,0,10,10), B class 1 (20,20,10,10); image 1: C class 0 (0,0,10,10)
     * detections: 0.9 c0 on A (TP), 0.8 c0 at (50,50) (FP), 0.7 c0 on C in image 1 (TP),
     *             0.6 c1 on C's place in image 1 (FP: no class-1 object there), 0.5 c1 on B (TP)
     * class 0 (2 objects): TP FP TP → recall .5 .5 1, precision 1 .5 .667 → monotone 1 .667 .667
     *   recall points 0…0.50 read 1 (51), 0.51…1 read 2/3 (50): AP = (51 + 100/3) / 101 = 253/303
     * class 1 (1 object): FP TP → recall 0 1, precision 0 .5 → monotone .5 .5: AP = 1/2
     * mAP = (253/303 + 1/2) / 2
     * </pre>
     */
    @Test
    void multiClassSeveralImagesByHand() {
        List<List<GroundTruth>> truths = List.of(
                List.of(gt(0, 0, 0, 10, 10), gt(1, 20, 20, 10, 10)),
                List.of(gt(0, 0, 0, 10, 10)));
        List<Detection> dets = List.of(det(0, 0, 0.9, 0, 0, 10, 10), det(0, 0, 0.8, 50, 50, 10, 10),
                det(1, 0, 0.7, 0, 0, 10, 10), det(1, 1, 0.6, 0, 0, 10, 10), det(0, 1, 0.5, 20, 20, 10, 10));
        DetectionMetrics m = eval(2, truths, dets);
        assertThat(m.perClass().get(0).ap50()).isCloseTo(253.0 / 303, within(EXACT));
        assertThat(m.perClass().get(0).ap50to95()).isCloseTo(253.0 / 303, within(EXACT));
        assertThat(m.perClass().get(1).ap50()).isCloseTo(0.5, within(EXACT));
        assertThat(m.map50()).isCloseTo((253.0 / 303 + 0.5) / 2, within(EXACT));
        assertThat(m.map50to95()).isCloseTo((253.0 / 303 + 0.5) / 2, within(EXACT));
        assertThat(m.instances()).isEqualTo(3);
    }

    /**
     * 100 false positives outscore the one true detection: with maxDets 100 it is cut off (AP 0); with 101 it is
     * the 101st: recall 1 only there, precision 1/101 → monotone 1/101 everywhere, AP = 1/101.
     */
    @Test
    void detectionsBeyondMaxDetsAreCut() {
        List<List<GroundTruth>> truths = List.of(List.of(gt(0, 0, 0, 10, 10)));
        List<Detection> dets = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            dets.add(det(0, 0, 0.9 - i * 0.001, 100 + i, 100, 10, 10));
        }
        dets.add(det(0, 0, 0.5, 0, 0, 10, 10));
        assertThat(new CocoMetric(1).averagePrecision(truths, dets).meanAll()).isEqualTo(0.0);
        assertThat(new CocoMetric(1, 101).averagePrecision(truths, dets).meanAll()).isCloseTo(1.0 / 101, within(EXACT));
    }

    /**
     * A detection inside a crowd region (IoU with a crowd box = intersection / detection area = 1) is ignored, not a
     * false positive: AP stays 1. The crowd box is not an object to find. Without the crowd flag the same detection is
     * a false positive ranked first: recall 0 1, precision 0 .5 → AP 1/2 — and the region is one more object missed.
     */
    @Test
    void crowdRegionsAreIgnored() {
        Detection inCrowd = det(0, 0, 0.9, 210, 210, 20, 20);
        Detection onObject = det(0, 0, 0.8, 0, 0, 50, 50);
        DetectionMetrics m = eval(1, List.of(List.of(gt(0, 0, 0, 50, 50), crowd(0, 200, 200, 100, 100))),
                List.of(inCrowd, onObject));
        assertThat(m.map50()).isCloseTo(1.0, within(EXACT));
        assertThat(m.map50to95()).isCloseTo(1.0, within(EXACT));
        assertThat(m.instances()).isEqualTo(1);

        // a crowd-only image with detections changes nothing either
        m = eval(1, List.of(List.of(gt(0, 0, 0, 50, 50)), List.of(crowd(0, 0, 0, 300, 300))),
                List.of(det(0, 0, 0.8, 0, 0, 50, 50), det(1, 0, 0.95, 10, 10, 30, 30), det(1, 0, 0.94, 40, 10, 30, 30)));
        assertThat(m.map50()).isCloseTo(1.0, within(EXACT));

        // the same region as a regular object: recall [0, 0.5], precision [0, 0.5] → 0.5 up to recall 0.5
        m = eval(1, List.of(List.of(gt(0, 0, 0, 50, 50), gt(0, 200, 200, 100, 100))), List.of(inCrowd, onObject));
        assertThat(m.map50()).isCloseTo(0.5 * 51 / 101, within(EXACT));
    }

    /**
     * Matching a regular object beats a crowd one, and a crowd region can absorb several detections: the first
     * detection (IoU 0.8 with A, 1 with the crowd box around it) takes A; the second, a duplicate, falls on the crowd
     * region and is ignored instead of counting as a false positive.
     */
    @Test
    void regularObjectsAreMatchedBeforeCrowdRegions() {
        List<List<GroundTruth>> truths = List.of(List.of(crowd(0, 0, 0, 200, 200), gt(0, 10, 10, 50, 50)));
        List<Detection> dets = List.of(det(0, 0, 0.9, 10, 10, 50, 40), det(0, 0, 0.8, 12, 10, 50, 40));
        DetectionMetrics m = eval(1, truths, dets);
        assertThat(m.map50()).isCloseTo(1.0, within(EXACT));
    }

    /**
     * pycocotools replaces its best match when a later ground truth has an equal IoU ({@code <} in its loop). A and B
     * have IoU 8/12 with the first detection; it takes B, so the second (IoU 0.9 with A) finds A: AP50 = 1. Taking
     * the first of equals would leave the second without a match (AP50 1/2). The fixture file has this case as
     * pycocotools computed it.
     */
    @Test
    void equalIouGoesToTheLaterGroundTruth() {
        List<List<GroundTruth>> truths = List.of(List.of(gt(0, 0, 0, 10, 10), gt(0, 4, 0, 10, 10)));
        List<Detection> dets = List.of(det(0, 0, 0.9, 2, 0, 10, 10), det(0, 0, 0.8, 0, 0, 9, 10));
        assertThat(eval(1, truths, dets).map50()).isCloseTo(1.0, within(EXACT));
    }

    @Test
    void thresholdsAreNumpysLinspace() {
        assertThat(CocoMetric.IOU_THRESHOLDS).hasSize(10);
        assertThat(CocoMetric.IOU_THRESHOLDS[0]).isEqualTo(0.5);
        assertThat(CocoMetric.IOU_THRESHOLDS[7]).isEqualTo(0.85);
        assertThat(CocoMetric.IOU_THRESHOLDS[8]).isEqualTo(0.8999999999999999);
        assertThat(CocoMetric.IOU_THRESHOLDS[9]).isEqualTo(0.95);
        assertThat(CocoMetric.RECALL_POINTS[29]).isEqualTo(29 * 0.01);
        assertThat(CocoMetric.RECALL_POINTS[100]).isCloseTo(1.0, within(EXACT));
    }

    @Test
    void noObjectsAtAllIsNotANumber() {
        DetectionMetrics m = eval(1, List.of(List.of()), List.of(det(0, 0, 0.9, 0, 0, 5, 5)));
        assertThat(m.map50()).isNaN();
        assertThat(m.map50to95()).isNaN();
    }
}
