package io.prunescope.ui.measure;

import io.prunescope.detection.Box;
import io.prunescope.detection.Detection;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Detection and Criteria tabs' text and colours, without a window. */
class DetectionFormatsTest {

    @Test
    void summaryLineUsesArrowAndRealMinus() {
        assertThat(DetectionViewModel.summaryLine(0.612, 0.498)).isEqualTo("mAP@0.5:0.95 0.612 → 0.498 (−0.114)");
        assertThat(DetectionViewModel.summaryLine(0.5, 0.52)).isEqualTo("mAP@0.5:0.95 0.500 → 0.520 (+0.020)");
        assertThat(DetectionViewModel.summaryLine(0.5, 0.5002)).endsWith("(±0.000)");
        assertThat(DetectionViewModel.summaryLine(Double.NaN, 0.1)).isEqualTo("mAP@0.5:0.95 — → 0.100 (—)");
    }

    @Test
    void tableNumbers() {
        assertThat(MetricTables.fixed(0.61234)).isEqualTo("0.6123");
        assertThat(MetricTables.fixed(Double.NaN)).isEqualTo("—");
        assertThat(MetricTables.signed4(-0.11449)).isEqualTo("−0.1145");
        assertThat(MetricTables.signed4(0.00001)).isEqualTo("±0.0000");
        assertThat(MetricTables.count(1234)).isEqualTo("1,234");
    }

    @Test
    void ratiosAcceptFractionsAndPercentages() {
        assertThat(CriteriaViewModel.parseRatios("0.1,0.2,0.3,0.4,0.5")).containsExactly(0.1, 0.2, 0.3, 0.4, 0.5);
        assertThat(CriteriaViewModel.parseRatios(" 30% , 10%")).containsExactly(0.1, 0.3);
        assertThat(CriteriaViewModel.parseRatios("0.3 0.3")).containsExactly(0.3);
        assertThat(CriteriaViewModel.parseRatios("0.3,1")).isNull();
        assertThat(CriteriaViewModel.parseRatios("0,0.2")).isNull();
        assertThat(CriteriaViewModel.parseRatios("a")).isNull();
        assertThat(CriteriaViewModel.parseRatios("  ")).isNull();
    }

    @Test
    void labelsAndColours() {
        Detection d = new Detection(0, 1, 0.8765, new Box(0, 0, 10, 10));
        assertThat(DetectionPainter.label(d, List.of("T-shirt/top", "Trouser"))).isEqualTo("Trouser 0.88");
        assertThat(DetectionPainter.label(new Detection(0, 12, 0.5, new Box(0, 0, 1, 1)), List.of("a")))
                .isEqualTo("12 0.50");
        assertThat(DetectionPainter.classColor(3)).isEqualTo(DetectionPainter.classColor(23));
        assertThat(DetectionPainter.classColor(0)).isNotEqualTo(DetectionPainter.classColor(1));
        assertThat(DetectionPainter.textOn(Color.web("#ffb21d"))).isEqualTo(Color.BLACK);
        assertThat(DetectionPainter.textOn(Color.web("#6473ff"))).isEqualTo(Color.WHITE);
    }

    @Test
    void countsDetectionsAtOrAboveTheThreshold() {
        List<Detection> ds = List.of(new Detection(0, 0, 0.1, new Box(0, 0, 1, 1)),
                new Detection(0, 0, 0.25, new Box(0, 0, 1, 1)), new Detection(0, 0, 0.9, new Box(0, 0, 1, 1)));
        assertThat(DetectionGallery.GalleryImage.countAtLeast(ds, 0.25)).isEqualTo(2);
        assertThat(DetectionGallery.GalleryImage.countAtLeast(ds, 0)).isEqualTo(3);
    }

    @Test
    void tagsGoAboveThenBelowAndNeverOnAnother() {
        List<double[]> taken = new java.util.ArrayList<>();
        double[] box = {50, 50, 40, 40};
        double[] first = DetectionPainter.place(200, box, 30, 12, taken);
        assertThat(first).containsExactly(49, 38, 30, 12);
        taken.add(first);
        double[] second = DetectionPainter.place(200, box, 30, 12, taken);
        assertThat(second).containsExactly(49, 90, 30, 12);
        taken.add(second);
        assertThat(DetectionPainter.place(200, box, 30, 12, taken)).isNull();
        // At the top edge the tag goes inside the box; at the right edge it is pulled into the tile.
        assertThat(DetectionPainter.place(200, new double[] {190, 0, 10, 10}, 30, 12, List.of()))
                .containsExactly(170, 0, 30, 12);
    }
}
