package io.prunescope.detection;

import io.prunescope.measure.Metric;
import io.prunescope.task.CancellationToken;
import io.prunescope.runtime.InferenceSession;
import io.prunescope.task.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The whole pipeline on models whose output is a constant (src/tools/make_detection_test_models.py), so every
 * detection is known:
 * <pre>
 * letterbox 64: image 1 (128×64) r = 0.5, resized 64×32, dh = 16; image 2 (64×64) unchanged
 * rows → NMS: class 0 0.9 at (8,24)–(24,40); class 1 0.8 at (40,16)–(56,48); class 1 0.9·0.5556 = 0.50004 at
 *   (8,24)–(24,40) (multi-label); the class-0 row at IoU 0.88 with the first is suppressed; two rows under 0.001 go
 * image 1 back: (x, y − 16) / 0.5 → class 0 at (16,16)–(48,48) = its object; class 1 at (80,0)–(112,64): no object
 * class 0: two detections, both on their object → AP 1 at every IoU
 * class 1 (one object, in image 2), by score: 0.8 image 1 FP, 0.8 image 2 TP (equal scores: image id 1 first),
 *   0.50004 FP, 0.50004 FP → recall 0 1 1 1, precision 0 .5 .33 .25 → monotone .5 .5 .33 .25 → AP 1/2
 * mAP50 = mAP50-95 = (1 + 1/2) / 2 = 0.75
 * </pre>
 */
class DetectionEvaluatorTest {

    @TempDir
    Path dir;

    private DetectionResult run(String model, DetectionDataset data, DetectionOptions options) {
        try (InferenceSession s = InferenceSession.open(DetectionFixtures.model(model, dir))) {
            return new DetectionEvaluator(options).evaluate(s, data, Progress.NONE, CancellationToken.NEVER);
        }
    }

    @Test
    void decodedOutputEndToEnd() throws Exception {
        YoloFolderDataset data = YoloFolderDataset.open(DetectionFixtures.constantModelData(dir.resolve("d")));
        List<long[]> progress = new ArrayList<>();
        DetectionResult r;
        try (InferenceSession s = InferenceSession.open(DetectionFixtures.model("constant_decoded.onnx", dir))) {
            r = new DetectionEvaluator(DetectionOptions.DEFAULT.withImageSize(64))
                    .evaluate(s, data, (done, total, message) -> progress.add(new long[] {done, total}), CancellationToken.NEVER);
        }
        assertThat(r.form()).isEqualTo(YoloOutputDecoder.Form.DECODED);
        assertThat(r.inputWidth()).isEqualTo(64);
        assertThat(progress).hasSize(2);
        assertThat(r.detections()).hasSize(6);
        Detection first = r.detections().get(0);
        assertThat(first.image()).isZero();
        assertThat(first.classIndex()).isZero();
        assertThat(first.score()).isCloseTo(0.9, within(1e-6));
        assertThat(first.box()).isEqualTo(new Box(16, 16, 48, 48));
        assertThat(r.detections().get(1).box()).isEqualTo(new Box(80, 0, 112, 64));
        assertThat(r.detections().get(2).score()).isCloseTo(0.9 * 0.5556, within(1e-6));
        DetectionMetrics m = r.metrics();
        assertThat(m.perClass().get(0).ap50to95()).isCloseTo(1.0, within(1e-12));
        assertThat(m.perClass().get(1).ap50to95()).isCloseTo(0.5, within(1e-12));
        assertThat(m.map50()).isCloseTo(0.75, within(1e-12));
        assertThat(m.map50to95()).isCloseTo(0.75, within(1e-12));
        assertThat(m.images()).isEqualTo(2);
        assertThat(m.instances()).isEqualTo(3);
        assertThat(m.perClass().get(1).name()).isEqualTo("shoe");
    }

    /**
     * The raw-head model has one box, σ-decoded to ≈ (8,24)–(24,40), class 0 at 0.9·0.99 and class 1 at 0.9·0.01
     * (above 0.001, so multi-label keeps it): class 0 finds both objects (AP 1), class 1 only false positives (AP 0).
     */
    @Test
    void rawHeadsEndToEnd() throws Exception {
        YoloFolderDataset data = YoloFolderDataset.open(DetectionFixtures.constantModelData(dir.resolve("d")));
        DetectionResult r = run("constant_raw.onnx", data, DetectionOptions.DEFAULT);
        assertThat(r.form()).isEqualTo(YoloOutputDecoder.Form.RAW_HEADS);
        assertThat(r.detections()).hasSize(4);
        Box b = r.detections().get(2).box(); // image 2, unscaled
        assertThat(b.x1()).isCloseTo(8, within(1e-4));
        assertThat(b.y1()).isCloseTo(24, within(1e-4));
        assertThat(b.x2()).isCloseTo(24, within(1e-4));
        assertThat(b.y2()).isCloseTo(40, within(1e-4));
        assertThat(r.detections().get(0).score()).isCloseTo(0.891, within(1e-6));
        assertThat(r.metrics().map50()).isCloseTo(0.5, within(1e-12));
        assertThat(r.metrics().map50to95()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void metricFactoryMeasuresMap50To95() throws Exception {
        YoloFolderDataset data = YoloFolderDataset.open(DetectionFixtures.constantModelData(dir.resolve("d")));
        Metric metric = Metric.detection(data, DetectionOptions.DEFAULT.withImageSize(64));
        assertThat(metric.name()).isEqualTo("map50-95");
        assertThat(metric.dataIdentity()).startsWith("detect:2:")
                .isNotEqualTo(Metric.detection(data, DetectionOptions.DEFAULT.withImageSize(96)).dataIdentity())
                .isEqualTo(Metric.detection(data, DetectionOptions.DEFAULT.withImageSize(64)).dataIdentity());
        try (InferenceSession s = InferenceSession.open(DetectionFixtures.model("constant_decoded.onnx", dir))) {
            assertThat(metric.evaluate(s, CancellationToken.NEVER)).isCloseTo(0.75, within(1e-12));
        }
    }

    @Test
    void cancellationStopsBetweenImages() throws Exception {
        YoloFolderDataset data = YoloFolderDataset.open(DetectionFixtures.constantModelData(dir.resolve("d")));
        CancellationToken cancel = new CancellationToken();
        try (InferenceSession s = InferenceSession.open(DetectionFixtures.model("constant_raw.onnx", dir))) {
            assertThatThrownBy(() -> new DetectionEvaluator(DetectionOptions.DEFAULT)
                    .evaluate(s, data, (done, total, message) -> cancel.cancel(), cancel))
                    .isInstanceOf(CancellationException.class);
        }
    }

    @Test
    void inputSizeErrorsSayWhatToDo() throws Exception {
        YoloFolderDataset data = YoloFolderDataset.open(DetectionFixtures.constantModelData(dir.resolve("d")));
        assertThatThrownBy(() -> run("constant_decoded.onnx", data, DetectionOptions.DEFAULT))
                .isInstanceOf(DetectionException.class).hasMessageContaining("no fixed size").hasMessageContaining("--imgsz");
        assertThatThrownBy(() -> run("constant_raw.onnx", data, DetectionOptions.DEFAULT.withImageSize(320)))
                .isInstanceOf(DetectionException.class).hasMessageContaining("fixed at 64×64");
    }

    @Test
    void classCountMustMatchTheDataYaml() throws Exception {
        Path root = dir.resolve("three");
        DetectionFixtures.constantModelData(root);
        DetectionFixtures.write(root.resolve("data.yaml"), "val: images\nnames: {0: a, 1: b, 2: c}\n");
        YoloFolderDataset data = YoloFolderDataset.open(root.resolve("data.yaml"));
        assertThatThrownBy(() -> run("constant_raw.onnx", data, DetectionOptions.DEFAULT))
                .isInstanceOf(DetectionException.class)
                .hasMessage("The model predicts 2 classes but the data set names 3; evaluate a model with the data it"
                        + " was trained for.");
    }

    @Test
    void undeclaredClassesTakeTheModelsCount() throws Exception {
        Path root = dir.resolve("folder");
        DetectionFixtures.png(root.resolve("images/1.png"), 64, 64);
        DetectionFixtures.write(root.resolve("labels/1.txt"), "0 0.25 0.5 0.25 0.25\n");
        YoloFolderDataset data = YoloFolderDataset.open(root);
        assertThat(data.classNames()).containsExactly("0");
        DetectionResult r = run("constant_raw.onnx", data, DetectionOptions.DEFAULT);
        assertThat(r.metrics().perClass()).hasSize(2);
        assertThat(r.metrics().map50()).isCloseTo(1.0, within(1e-12));
    }
}
