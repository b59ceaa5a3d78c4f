package io.prunescope.detection;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class NonMaxSuppressionTest {

    /** Rows of cx, cy, w, h, obj, p0, p1. */
    private static float[] rows(float[]... r) {
        float[] out = new float[r.length * 7];
        for (int i = 0; i < r.length; i++) {
            System.arraycopy(r[i], 0, out, i * 7, 7);
        }
        return out;
    }

    private static float[] row(float cx, float cy, float w, float h, float obj, float p0, float p1) {
        return new float[] {cx, cy, w, h, obj, p0, p1};
    }

    private static List<NonMaxSuppression.Kept> nms(NonMaxSuppression n, float[]... r) {
        return n.apply(rows(r), 0, r.length, 7);
    }

    /** Two boxes overlapping at IoU 0.8 (10 × 10, shifted by 1.111…): the same class keeps one, two classes keep both. */
    @Test
    void classAwareSuppression() {
        float[] a = row(10, 10, 10, 10, 0.9f, 1f, 0f);
        float[] sameClass = row(11, 10, 10, 10, 0.8f, 1f, 0f);     // IoU 90/110 = 0.82 with a
        float[] otherClass = row(11, 10, 10, 10, 0.8f, 0f, 1f);
        List<NonMaxSuppression.Kept> kept = nms(NonMaxSuppression.VAL, a, sameClass);
        assertThat(kept).hasSize(1);
        assertThat(kept.get(0).box()).isEqualTo(new Box(5, 5, 15, 15));
        kept = nms(NonMaxSuppression.VAL, a, otherClass);
        assertThat(kept).extracting(NonMaxSuppression.Kept::classIndex).containsExactly(0, 1);
    }

    /** torchvision drops a box only when IoU > threshold: IoU exactly 0.6 survives, above it does not. */
    @Test
    void iouEqualToTheThresholdIsKept() {
        // 10×10 at x 0..10 and 2.5..12.5: IoU = 75 / 125 = 0.6
        float[] a = row(5, 5, 10, 10, 0.9f, 1f, 0f);
        float[] b = row(7.5f, 5, 10, 10, 0.8f, 1f, 0f);
        assertThat(new Box(0, 0, 10, 10).iou(new Box(2.5, 0, 12.5, 10))).isEqualTo(0.6);
        assertThat(nms(NonMaxSuppression.VAL, a, b)).hasSize(2);
        assertThat(nms(NonMaxSuppression.VAL.withIouThreshold(0.59), a, b)).hasSize(1);
    }

    /** obj must exceed the threshold, then each class whose obj·p exceeds it is a candidate (multi-label). */
    @Test
    void thresholdsAndMultiLabel() {
        float[] both = row(10, 10, 4, 4, 0.5f, 0.8f, 0.4f);        // scores 0.4 and 0.2
        float[] objAtThreshold = row(50, 50, 4, 4, 0.001f, 1f, 1f); // obj not > 0.001
        float[] lowScores = row(90, 90, 4, 4, 0.5f, 0.002f, 0.0015f); // 0.001 (not >) and 0.00075
        List<NonMaxSuppression.Kept> kept = nms(NonMaxSuppression.VAL, both, objAtThreshold, lowScores);
        assertThat(kept).extracting(NonMaxSuppression.Kept::classIndex).containsExactly(0, 1);
        assertThat(kept.get(0).score()).isCloseTo(0.4f, within(1e-7f));
        assertThat(kept.get(1).score()).isCloseTo(0.2f, within(1e-7f));

        NonMaxSuppression single = new NonMaxSuppression(0.001, 0.6, 300, 30_000, false);
        assertThat(nms(single, both)).extracting(NonMaxSuppression.Kept::classIndex).containsExactly(0);
    }

    @Test
    void limitsKeepTheHighestScores() {
        float[][] r = new float[5][];
        for (int i = 0; i < 5; i++) {
            r[i] = row(20 * i + 10, 10, 5, 5, 0.5f + 0.1f * i, 1f, 0f); // disjoint boxes, rising scores
        }
        assertThat(nms(NonMaxSuppression.VAL.withMaxDetections(3), r))
                .extracting(k -> (int) k.box().x1()).containsExactly(87, 67, 47);
        // at most 2 candidates enter NMS: the two best
        assertThat(nms(new NonMaxSuppression(0.001, 0.6, 300, 2, true), r)).hasSize(2);
    }

    @Test
    void sortsStablyAndSkipsBrokenBoxes() {
        float[] first = row(10, 10, 4, 4, 0.5f, 1f, 0f);
        float[] nan = row(Float.NaN, 10, 4, 4, 0.9f, 1f, 0f);
        float[] second = row(40, 10, 4, 4, 0.5f, 1f, 0f);
        assertThat(nms(NonMaxSuppression.VAL, first, nan, second)).extracting(k -> k.box().x1())
                .containsExactly(8.0, 38.0);
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> new NonMaxSuppression(1.5, 0.6, 300, 30_000, true))
                .hasMessageContaining("confidence threshold");
        assertThatThrownBy(() -> NonMaxSuppression.VAL.withMaxDetections(0)).hasMessageContaining("positive");
    }
}
