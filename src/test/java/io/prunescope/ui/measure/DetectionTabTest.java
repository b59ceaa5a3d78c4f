package io.prunescope.ui.measure;

import io.prunescope.detection.DetectionDataset;
import io.prunescope.detection.DetectionEvaluator;
import io.prunescope.detection.DetectionMetrics;
import io.prunescope.detection.DetectionOptions;
import io.prunescope.detection.YoloFolderDataset;
import io.prunescope.measure.DetectionComparison;
import io.prunescope.model.InputBindings;
import io.prunescope.prune.LayerSetting;
import io.prunescope.prune.PruningPlan;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.task.CancellationToken;
import io.prunescope.runtime.InferenceSession;
import io.prunescope.task.Progress;
import io.prunescope.session.Workspace;
import io.prunescope.ui.Screenshot;
import io.prunescope.ui.Theme;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The measure window's Detection tab on a YOLOv5n detector and the bundled detection data (8 images): its table
 * shows what {@link DetectionEvaluator} finds on the same model and data, the pruned model's results differ, the
 * gallery draws boxes, a changed plan marks the results stale, and Cancel stops a run.
 *
 * <p>The model is {@code assets/models/yolov5n-fashion.onnx} (trained on the data, 10 classes) when it is there, else
 * the test fixture {@code yolov5n-random.onnx} (80 classes, weights not trained on it: metrics near 0 but
 * computed) with the data opened as a folder (class names not declared); {@code -Dprunescope.test.detector=FILE}
 * chooses another.
 */
class DetectionTabTest {

    private static final Path DATA = Path.of("assets/data/fashion-detect");
    private static final Path TRAINED = Path.of("assets/models/yolov5n-fashion.onnx");
    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/yolov5n-random.onnx");
    private static final int IMAGES = 8;

    private static Path model;
    private static boolean trained;
    private static Workspace ws;
    private static PruningPlan plan30;

    @BeforeAll
    static void open() throws Exception {
        String forced = System.getProperty("prunescope.test.detector");
        model = forced != null ? Path.of(forced) : Files.isRegularFile(TRAINED) ? TRAINED : FIXTURE;
        assumeTrue(Files.isRegularFile(model) && Files.isRegularFile(DATA.resolve("data.yaml")),
                "detector or detection data not in assets/");
        trained = model.getFileName().toString().contains("fashion");
        ws = Workspace.open(model, InputBindings.none(), io.prunescope.task.CancellationToken.NEVER, Progress.NONE);
        plan30 = filterPlan(0.3);
        FxToolkit.registerPrimaryStage();
    }

    @AfterAll
    static void close() {
        ws = null;
    }

    private static PruningPlan filterPlan(double ratio) {
        return ws.emptyPlan().withDefaults(new LayerSetting(Granularity.FILTER, Criterion.L1, ratio, false, 2, 4))
                .applyDefaultsToAll();
    }

    /** The bundled data as the tab uses it: data.yaml for the trained model, the folder for the 80-class one. */
    private static Path dataPath() {
        return trained ? DATA.resolve("data.yaml") : DATA;
    }

    private static MeasureWindow openWindow(SimpleObjectProperty<PruningPlan> plan) throws Exception {
        AtomicReference<MeasureWindow> window = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> {
            MeasureWindow w = MeasureWindow.show(ws, plan, p -> { });
            // As large as the screen allows, up to 1500×940 (run with -Dheadless.geometry=1600x1000-32 for that).
            javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
            w.stage().setX(0);
            w.stage().setY(0);
            w.stage().setWidth(Math.min(1500, screen.getWidth()));
            w.stage().setHeight(Math.min(940, screen.getHeight()));
            w.stage().getScene().getStylesheets().setAll(Theme.LIGHT.stylesheets());
            w.tabs.getSelectionModel().select(w.tabs.getTabs().stream()
                    .filter(t -> t.getText().equals("Detection")).findFirst().orElseThrow());
            DetectionViewModel vm = w.detection.viewModel();
            vm.limitProperty().set(IMAGES);
            if (!trained) {
                vm.useYolo(dataPath());
            }
            window.set(w);
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        return window.get();
    }

    private static void fx(Runnable r) throws Exception {
        WaitForAsyncUtils.asyncFx(r).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void waitUntil(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Writes what the window shows to {@code target/ui-screenshots/NAME}. */
    private static void screenshot(MeasureWindow w, String name) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            Screenshot.write(w.stage().getScene(), Path.of("target/ui-screenshots", name));
            return null;
        }).get(30, TimeUnit.SECONDS);
    }

    private static Button button(MeasureWindow w, String id) {
        return (Button) w.stage().getScene().lookup(id);
    }

    @Test
    void evaluatesBothModelsLikeTheEvaluatorAndDrawsTheGallery() throws Exception {
        SimpleObjectProperty<PruningPlan> plan = new SimpleObjectProperty<>(plan30);
        MeasureWindow w = openWindow(plan);
        DetectionViewModel vm = w.detection.viewModel();
        assertThat(vm.sourceProperty().get()).isNotNull();
        assertThat(vm.inputSizeFixed()).isTrue();
        assertThat(vm.inputSizeProperty().get()).isEqualTo("320×320");

        fx(() -> button(w, "#detectionEvaluate").fire());
        waitUntil(600, () -> !vm.runningProperty().get());
        assertThat(vm.statusProperty().get()).startsWith("Evaluated");
        DetectionComparison.Report report = vm.reportProperty().get();
        assertThat(report).isNotNull();
        assertThat(vm.measuredPlanProperty().get()).isSameAs(plan30);

        // The table's original column is DetectionEvaluator run directly on the model file and the same images.
        DetectionDataset data = DetectionDataset.first(YoloFolderDataset.open(dataPath()), IMAGES);
        DetectionMetrics direct;
        try (InferenceSession s = InferenceSession.open(model)) {
            direct = new DetectionEvaluator(DetectionOptions.DEFAULT).evaluate(s, data, Progress.NONE,
                    CancellationToken.NEVER).metrics();
        }
        @SuppressWarnings("unchecked")
        TableView<MetricRow> table = (TableView<MetricRow>) w.stage().getScene()
                .lookup("#detectionMetrics");
        assertThat(table.getItems()).extracting(MetricRow::metric).containsExactly("mAP@0.5",
                "mAP@0.5:0.95", "precision", "recall", "images", "instances");
        double[] expected = {direct.map50(), direct.map50to95(), direct.precision(), direct.recall(), direct.images(),
                direct.instances()};
        for (int i = 0; i < expected.length; i++) {
            assertThat(table.getItems().get(i).original()).as(table.getItems().get(i).metric())
                    .isCloseTo(expected[i], within(1e-9));
        }
        assertThat(direct.images()).isEqualTo(IMAGES);
        assertThat(direct.instances()).isPositive();

        // The pruned model (30 % of the filters of every layer) finds something else.
        assertThat(report.pruned().detections()).isNotEqualTo(report.original().detections());
        if (trained && direct.map50() > 0) {
            assertThat(table.getItems().subList(0, 4)).anyMatch(r -> r.pruned() != r.original());
        }
        assertThat(table.getItems().get(4).pruned()).isEqualTo(IMAGES);
        assertThat(vm.classes()).isNotEmpty();
        assertThat(vm.classes()).allMatch(c -> c.instances() > 0);
        assertThat(((Label) w.stage().getScene().lookup("#detectionSummary")).getText())
                .startsWith("mAP@0.5:0.95 ").contains(" → ");
        assertThat(vm.summaryProperty().get()).isEqualTo(DetectionViewModel.summaryLine(direct.map50to95(),
                report.pruned().metrics().map50to95()));

        // The gallery: the first page, two canvases per image, boxes drawn as the view model counts them.
        waitUntil(30, () -> vm.gallery().size() == DetectionViewModel.PAGE_SIZE);
        assertThat(w.detection.canvases()).hasSize(2 * DetectionViewModel.PAGE_SIZE);
        assertThat(vm.drawnBoxesProperty().get()).isEqualTo(vm.shownDetectionsProperty().get());
        fx(() -> vm.thresholdProperty().set(0.0));
        int all = vm.gallery().stream().mapToInt(g -> g.original().size() + g.pruned().size()).sum();
        assertThat(all).isPositive();
        assertThat(vm.drawnBoxesProperty().get()).isEqualTo(all);
        fx(() -> vm.thresholdProperty().set(0.05));
        screenshot(w, "measure-detection-low-threshold.png");
        fx(() -> vm.thresholdProperty().set(DetectionViewModel.DEFAULT_THRESHOLD));
        fx(vm::nextPage);
        waitUntil(30, () -> !vm.gallery().isEmpty() && vm.gallery().get(0).index() == DetectionViewModel.PAGE_SIZE);
        fx(vm::previousPage);
        waitUntil(30, () -> !vm.gallery().isEmpty() && vm.gallery().get(0).index() == 0);

        screenshot(w, "measure-detection.png");

        // A different plan makes the numbers stale; going back to the measured plan makes them current again.
        Label stale = (Label) w.stage().getScene().lookup("#detectionStale");
        assertThat(vm.staleProperty().get()).isFalse();
        assertThat(stale.isVisible()).isFalse();
        fx(() -> plan.set(filterPlan(0.2)));
        assertThat(vm.staleProperty().get()).isTrue();
        assertThat(stale.isVisible()).isTrue();
        screenshot(w, "measure-detection-stale.png");
        fx(() -> plan.set(plan30));
        assertThat(vm.staleProperty().get()).isFalse();

        if (Boolean.getBoolean("prunescope.test.docScreenshots")) {
            // For assets/screenshots: a milder plan on more images, so that the pruned side still finds something.
            fx(() -> {
                plan.set(filterPlan(0.1));
                vm.limitProperty().set(32);
            });
            fx(() -> button(w, "#detectionEvaluate").fire());
            waitUntil(600, () -> !vm.runningProperty().get());
            waitUntil(30, () -> vm.gallery().size() == DetectionViewModel.PAGE_SIZE);
            screenshot(w, "measure-detection.png");
        }

        fx(() -> w.stage().close());
    }

    @Test
    void cancelStopsTheRun() throws Exception {
        SimpleObjectProperty<PruningPlan> plan = new SimpleObjectProperty<>(plan30);
        MeasureWindow w = openWindow(plan);
        DetectionViewModel vm = w.detection.viewModel();
        fx(() -> vm.limitProperty().set(0)); // all 256 images: long enough to cancel in the middle
        fx(() -> button(w, "#detectionEvaluate").fire());
        assertThat(vm.runningProperty().get()).isTrue();
        assertThat(button(w, "#detectionCancel").isDisabled()).isFalse();
        waitUntil(300, () -> vm.progressProperty().get() > 0);
        double reached = vm.progressProperty().get();
        fx(() -> button(w, "#detectionCancel").fire());
        waitUntil(10, () -> !vm.runningProperty().get());
        assertThat(vm.statusProperty().get()).startsWith("Cancelled");
        assertThat(reached).isLessThan(0.5);
        assertThat(vm.reportProperty().get()).isNull();
        assertThat(button(w, "#detectionCancel").isDisabled()).isTrue();
        assertThat(button(w, "#detectionEvaluate").isDisabled()).isFalse();
        // The worker really stopped: a job queued behind the cancelled run gets its turn within seconds, long before
        // the remaining images could have been evaluated.
        CompletableFuture<Boolean> after = CompletableFuture.supplyAsync(() -> true, w.detectionWorker);
        assertThat(after.get(20, TimeUnit.SECONDS)).isTrue();
        assertThat(vm.progressProperty().get()).isZero();
        fx(() -> w.stage().close());
    }

    @Test
    void criteriaTabComparesCriteriaOnTheDetectionData() throws Exception {
        // -Dprunescope.test.docScreenshots=true: the defaults (five criteria, five ratios, with recovery) on 16 images,
        // for the screenshot; else two criteria at one ratio on 4 images.
        boolean full = Boolean.getBoolean("prunescope.test.docScreenshots");
        int images = full ? 16 : 4;
        MeasureWindow w = openWindow(new SimpleObjectProperty<>(plan30));
        CriteriaViewModel vm = w.criteria.viewModel();
        fx(() -> {
            w.detection.viewModel().limitProperty().set(images);
            w.tabs.getSelectionModel().select(w.tabs.getTabs().stream()
                    .filter(t -> t.getText().equals("Criteria")).findFirst().orElseThrow());
            if (!full) {
                for (Criterion c : CriteriaViewModel.OFFERED) {
                    vm.chosenProperty(c).set(c == Criterion.L1 || c == Criterion.RANDOM);
                }
                vm.ratiosProperty().set("30%");
            } else {
                vm.recoveryProperty().set(true);
            }
        });
        assertThat(vm.metricDescriptionProperty().get()).contains("mAP@0.5:0.95").contains("first " + images);
        fx(() -> vm.ratiosProperty().set("0.3, 1.5"));
        assertThat(button(w, "#criteriaRun").isDisabled()).isTrue();
        fx(() -> vm.ratiosProperty().set(full ? CriteriaViewModel.DEFAULT_RATIOS : "30%"));
        assertThat(button(w, "#criteriaRun").isDisabled()).isFalse();

        fx(() -> button(w, "#criteriaRun").fire());
        waitUntil(1800, () -> !vm.runningProperty().get());
        assertThat(vm.statusProperty().get()).contains("plans measured");
        io.prunescope.measure.CriteriaComparison.Result r = vm.resultProperty().get();
        assertThat(r.metric()).isEqualTo("map50-95");
        int criteria = vm.criteria().size() - r.skipped().size();
        int ratios = full ? 5 : 1;
        assertThat(vm.rows()).hasSize(criteria * ratios);
        assertThat(w.criteria.chart().getChart().getXYPlot().getDataset().getSeriesCount())
                .isEqualTo(full ? 2 * criteria : criteria);

        // The baseline is the original model's mAP@0.5:0.95 on the same images.
        DetectionDataset data = DetectionDataset.first(YoloFolderDataset.open(dataPath()), images);
        try (InferenceSession s = InferenceSession.open(model)) {
            assertThat(r.baseline()).isCloseTo(new DetectionEvaluator(DetectionOptions.DEFAULT).evaluate(s, data,
                    Progress.NONE, CancellationToken.NEVER).metrics().map50to95(), within(1e-9));
        }
        screenshot(w, "measure-criteria.png");
        fx(() -> w.stage().close());
    }
}
