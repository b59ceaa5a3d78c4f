package io.prunescope.ui;

import io.prunescope.measure.BundledSample;
import io.prunescope.measure.Comparison;
import io.prunescope.measure.Datasets;
import io.prunescope.measure.Metric;
import io.prunescope.measure.PlanMeasurement;
import io.prunescope.measure.SensitivityAnalysis;
import io.prunescope.measure.SensitivityCache;
import io.prunescope.measure.SensitivityResult;
import io.prunescope.model.InputBindings;
import io.prunescope.prune.ExportKind;
import io.prunescope.prune.LayerSetting;
import io.prunescope.prune.PruningPlan;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.runtime.Dataset;
import io.prunescope.runtime.RuntimeOptions;
import io.prunescope.session.SessionFile;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;
import io.prunescope.ui.measure.MetricRow;
import io.prunescope.ui.measure.PlanComparisonViewModel;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.prefs.Preferences;

import static io.prunescope.ui.UiTestSupport.openAndWait;
import static io.prunescope.ui.UiTestSupport.waitIdle;
import static io.prunescope.ui.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The measurements in the main window, on the bundled Fashion classifier with few images: Measure plan (numbers equal
 * ONNX Runtime accuracy computed directly; undo/redo shows cached numbers at once), the sensitivity curve under the
 * ratio slider and the table's Loss column (equal to the engine's {@link SensitivityAnalysis} result, read from the
 * cache), and kept plans with their Pareto front (points equal the measurements; a click makes a plan current).
 */
@ExtendWith(ApplicationExtension.class)
class MeasuringToolsTest {

    private static final int IMAGES = 48;

    private final Preferences prefs = Preferences.userRoot().node("io/prunescope/test/" + UUID.randomUUID());
    private MainWindow window;
    private Stage stage;
    private Path home;
    private String oldHome;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        home = Files.createTempDirectory("ps-home");
        oldHome = System.getProperty("prunescope.home");
        System.setProperty("prunescope.home", home.toString());
        window = new MainWindow(stage, UiTestSupport.services(new UiTestSupport.SwitchableOpener(), prefs, home));
        window.show();
        // on a larger headless screen (-Dheadless.geometry=1600x1000-32) the screenshots are taken at 1500×940
        if (javafx.stage.Screen.getPrimary().getBounds().getWidth() >= 1600) {
            stage.setWidth(1500);
            stage.setHeight(940);
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        prefs.removeNode();
        if (oldHome == null) {
            System.clearProperty("prunescope.home");
        } else {
            System.setProperty("prunescope.home", oldHome);
        }
    }

    private static Path model() {
        assumeTrue(BundledSample.isPresent(BundledSample.defaultAssets()), "Fashion sample not in assets/");
        return BundledSample.defaultAssets().resolve(BundledSample.MODEL);
    }

    private static Dataset images() {
        return Datasets.limit(BundledSample.fashion(BundledSample.defaultAssets()).dataset(), IMAGES);
    }

    private static double top1(byte[] model) {
        return Comparison.accuracy(model, images(), 64, RuntimeOptions.DEFAULT, Progress.NONE,
                CancellationToken.NEVER).top1();
    }

    @Test
    void measurePlanShowsTheAccuracyOfBothModelsAndKeepsItPerPlan(FxRobot robot) throws Exception {
        openAndWait(robot, window, model());
        robot.interact(() -> {
            window.measuring().planMeasure().limitProperty().set(IMAGES);
            window.applyDemo("l1:0.3");
        });
        waitIdle(window);
        PruningPlan measured = window.editor().current();
        robot.clickOn("#toolMeasurePlan");
        var vm = window.measuring().planMeasure();
        waitUntil(120, () -> !vm.runningProperty().get() && vm.shownProperty().get() != null);

        Workspace ws = window.document().getWorkspace();
        MetricRow accuracy = vm.rows().get(0);
        assertThat(accuracy.metric()).isEqualTo("top-1 accuracy");
        assertThat(accuracy.original()).isCloseTo(top1(ws.originalBytes()), within(1e-12));
        assertThat(accuracy.pruned()).isCloseTo(top1(ws.exportBytes(measured, ExportKind.HARD)), within(1e-12));
        assertThat(accuracy.pruned()).isNotEqualTo(accuracy.original());
        TableView<?> table = robot.lookup("#planResultsTable").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(6);
        PlanMeasurement m = vm.shownProperty().get();
        assertThat(m.originalMs()).isPositive();
        assertThat(m.macsAfter()).isEqualTo(ws.preview(measured).macsAfter());
        Label status = robot.lookup("#planMeasureShort").queryAs(Label.class);
        assertThat(status.getText()).startsWith(String.format(java.util.Locale.ROOT, "top-1 accuracy %.1f → %.1f %%",
                100 * accuracy.original(), 100 * accuracy.pruned()));

        // undo: a plan not measured shows nothing; redo: the measured plan's numbers at once, nothing runs
        robot.interact(() -> window.editor().undo());
        assertThat(vm.shownProperty().get()).isNull();
        assertThat(status.getText()).isEmpty();
        robot.interact(() -> window.editor().redo());
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.shownProperty().get()).isSameAs(m);
        screenshot(robot, "plan-results.png");
    }

    @Test
    void measurePlanOnTheDetectorGivesCocoMapOfBothModels(FxRobot robot) throws Exception {
        Path detector = BundledSample.defaultAssets().resolve("models/yolov5n-fashion.onnx");
        Path yaml = BundledSample.defaultAssets().resolve(io.prunescope.ui.measure.DetectionViewModel.BUNDLED_YAML);
        assumeTrue(Files.isRegularFile(detector) && Files.isRegularFile(yaml), "trained detector not in assets/");
        openAndWait(robot, window, detector);
        robot.interact(() -> {
            window.measuring().planMeasure().limitProperty().set(4);
            window.applyDemo("l1:0.1");
        });
        waitIdle(window);
        PruningPlan measured = window.editor().current();
        robot.interact(window::measurePlan);
        var vm = window.measuring().planMeasure();
        waitUntil(300, () -> !vm.runningProperty().get() && vm.shownProperty().get() != null);
        MetricRow map = vm.rows().get(0);
        assertThat(map.metric()).isEqualTo("mAP@0.5:0.95");
        Workspace ws = window.document().getWorkspace();
        var data = io.prunescope.detection.DetectionDataset.first(
                io.prunescope.detection.YoloFolderDataset.open(yaml), 4);
        var options = io.prunescope.detection.DetectionOptions.DEFAULT;
        assertThat(map.original()).isCloseTo(io.prunescope.measure.DetectionComparison.evaluate(ws.originalBytes(),
                data, options, RuntimeOptions.DEFAULT, Progress.NONE, CancellationToken.NEVER).metrics().map50to95(),
                within(1e-12));
        assertThat(map.pruned()).isCloseTo(io.prunescope.measure.DetectionComparison.evaluate(
                ws.exportBytes(measured, ExportKind.HARD), data, options, RuntimeOptions.DEFAULT, Progress.NONE,
                CancellationToken.NEVER).metrics().map50to95(), within(1e-12));
        assertThat(vm.shortTextProperty().get()).startsWith("mAP@0.5:0.95 ");
    }

    @Test
    void theInspectorShowsTheSelectedLayersSensitivityCurveFromTheCache(FxRobot robot) throws Exception {
        Path file = model();
        // the engine's analysis, cached where the workbench looks (prunescope.home)
        Workspace engine = Workspace.open(file, InputBindings.none(), CancellationToken.NEVER, Progress.NONE);
        double[] ratios = {0.2, 0.4, 0.6, 0.8};
        SensitivityResult fpgm = new SensitivityAnalysis(engine, Criterion.FPGM, ratios, RuntimeOptions.DEFAULT)
                .withCache(SensitivityCache.defaultCache())
                .run(Metric.accuracy(images(), 64), Progress.NONE, CancellationToken.NEVER);
        SensitivityResult expected = new SensitivityAnalysis(engine, Criterion.L1, ratios, RuntimeOptions.DEFAULT)
                .withCache(SensitivityCache.defaultCache())
                .run(Metric.accuracy(images(), 64), Progress.NONE, CancellationToken.NEVER);
        // the group that loses most at 60 %, so its loss is surely above every other layer's
        SensitivityResult.GroupCurve group = expected.groups().stream()
                .max(java.util.Comparator.comparingDouble(g -> expected.baseline() - g.values()[2])).orElseThrow();
        String layer = group.layer();
        assertThat(expected.baseline() - group.values()[2]).isPositive();

        openAndWait(robot, window, file);
        waitUntil(() -> window.measuring().sensitivity().lookupProperty().get().results().size() == 2);
        robot.interact(() -> {
            Workspace ws = window.document().getWorkspace();
            window.document().selectedNodeProperty().set(ws.engine().layer(layer).orElseThrow().node());
            window.editor().apply(p -> p.withLayer(layer, new LayerSetting(Granularity.FILTER, Criterion.L1, 0.6,
                    false, 2, 4)), "ratio", null);
        });
        waitIdle(window);
        Node panel = robot.lookup("#sensitivityPanel").query();
        assertThat(panel.isVisible()).isTrue();
        JFreeChart chart = robot.lookup("#sensitivityCurve").queryAs(ChartViewer.class).getChart();
        XYPlot plot = chart.getXYPlot();
        XYDataset d = plot.getDataset();
        // every criterion measured, each equal to the engine's curve of this layer's group
        assertThat(d.getSeriesCount()).isEqualTo(2);
        for (SensitivityResult r : List.of(expected, fpgm)) {
            int s = d.indexOf(r.criterion());
            assertThat(s).as(r.criterion()).isNotNegative();
            SensitivityResult.GroupCurve g = r.group(group.groupId());
            assertThat(d.getItemCount(s)).isEqualTo(5);
            assertThat(d.getXValue(s, 0)).isEqualTo(0);
            assertThat(d.getYValue(s, 0)).isCloseTo(100 * r.baseline(), within(1e-9));
            for (int i = 0; i < ratios.length; i++) {
                assertThat(d.getXValue(s, i + 1)).isCloseTo(100 * ratios[i], within(1e-9));
                assertThat(d.getYValue(s, i + 1)).isCloseTo(100 * g.values()[i], within(1e-9));
            }
        }
        assertThat(plot.getDomainAxis().getLabel()).isEqualTo("pruned ratio of the group (%)");
        assertThat(plot.getDomainAxis().getUpperBound()).isEqualTo(100);
        assertThat(((ValueMarker) plot.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND).iterator().next())
                .getValue()).isCloseTo(60, within(1e-9));

        // the layer table's Loss column: baseline − metric at 60 %, in points; sorting by it puts the layer first
        // among its module's rows (a tree table sorts each module's children), blanks (no curve) last
        javafx.scene.control.TreeTableView<LayerRow> table = LayerTables.table(robot);
        @SuppressWarnings("unchecked")
        javafx.scene.control.TreeTableColumn<LayerRow, Number> loss =
                (javafx.scene.control.TreeTableColumn<LayerRow, Number>) table.getColumns().stream()
                        .filter(c -> "sensitivityColumn".equals(c.getId())).findFirst().orElseThrow();
        javafx.scene.control.TreeItem<LayerRow> row = LayerTables.find(table.getRoot(), layer);
        assertThat(loss.getCellObservableValue(row).getValue().doubleValue())
                .isCloseTo(100 * (expected.baseline() - group.values()[2]), within(1e-9));
        robot.interact(() -> {
            loss.setSortType(javafx.scene.control.TreeTableColumn.SortType.DESCENDING);
            table.getSortOrder().setAll(List.of(loss));
        });
        // most sensitive first: only this layer is pruned (the others lose 0), layers without a curve are blank, last
        List<javafx.scene.control.TreeItem<LayerRow>> siblings = row.getParent().getChildren();
        assertThat(siblings.get(0).getValue().name()).isEqualTo(layer);
        boolean blankSeen = false;
        for (javafx.scene.control.TreeItem<LayerRow> sibling : siblings) {
            Number v = loss.getCellObservableValue(sibling).getValue();
            assertThat(v == null || !blankSeen).as("blanks sort last").isTrue();
            blankSeen |= v == null;
        }

        // the network's boxes by sensitivity, when switched on: this layer's loss from green (0) to red (≥ 10 pt)
        var shading = window.measuring().networkShading();
        assertThat(shading.fill(layer)).isNull();
        robot.interact(() -> window.measuring().colourBySensitivity().set(true));
        double points = 100 * (expected.baseline() - group.values()[2]);
        javafx.scene.paint.Color red = javafx.scene.paint.Color.rgb(244, 150, 140);
        if (points >= io.prunescope.ui.network.SensitivityShading.FULL_RED) {
            assertThat(shading.fill(layer)).isEqualTo(red);
        } else {
            assertThat(shading.fill(layer)).isNotNull().isNotEqualTo(red);
        }
        LayerTables.showAllNodes(robot);
        String other = LayerTables.rows(robot).stream().filter(r -> !r.prunable()).findFirst().orElseThrow().name();
        robot.interact(() -> robot.lookup("#prunableOnly").queryAs(javafx.scene.control.CheckBox.class)
                .setSelected(true)); // back to the default view for the screenshot
        assertThat(shading.fill(other)).isNull();
        screenshot(robot, "inspector-sensitivity.png");
    }

    @Test
    void keptPlansAreComparedWithTheirParetoFrontAndAClickMakesOneCurrent(FxRobot robot) throws Exception {
        openAndWait(robot, window, model());
        var plans = window.measuring().plans();
        robot.interact(() -> window.measuring().planMeasure().limitProperty().set(IMAGES));
        for (String spec : new String[]{"l1:0.05", "fpgm:0.1", "l1:0.1", "random:0.1", "l1:0.3"}) {
            robot.interact(() -> window.applyDemo(spec));
            waitIdle(window);
            robot.interact(() -> plans.keepCurrent(spec));
        }
        waitUntil(() -> plans.rows().size() == 5);
        robot.interact(() -> window.analysisTabs().select(MeasuringTools.PLANS_TAB));
        robot.clickOn("#measureKept");
        waitUntil(() -> plans.runningProperty().get());
        waitUntil(300, () -> !plans.runningProperty().get());
        waitUntil(() -> plans.rows().stream().allMatch(r -> r.measured() != null) || plans.statusProperty().get()
                .startsWith("Measurement failed"));
        assertThat(plans.statusProperty().get()).isEqualTo("Measured 5 kept plans.");

        Workspace ws = window.document().getWorkspace();
        List<PlanComparisonViewModel.Row> rows = List.copyOf(plans.rows());
        for (PlanComparisonViewModel.Row r : rows) {
            assertThat(r.metric()).as(r.name()).isCloseTo(top1(ws.exportBytes(r.snapshot().plan(), ExportKind.HARD)),
                    within(1e-12));
            assertThat(r.macs()).isEqualTo(ws.preview(r.snapshot().plan()).macsAfter());
        }
        // the front, by the definition: the rows no other row beats on both GFLOPs and metric
        List<PlanComparisonViewModel.Row> undominated = new ArrayList<>();
        for (PlanComparisonViewModel.Row p : rows) {
            boolean dominated = rows.stream().anyMatch(q -> q != p && q.gflops() <= p.gflops()
                    && q.metric() >= p.metric() && (q.gflops() < p.gflops() || q.metric() > p.metric()));
            if (!dominated) {
                undominated.add(p);
            }
        }
        // computed on the plans' worker: it follows the rows a moment later
        waitUntil(() -> new java.util.HashSet<>(plans.front()).equals(new java.util.HashSet<>(undominated)));
        assertThat(plans.front()).containsExactlyInAnyOrderElementsOf(undominated);
        // by latency: the worker's front for the other axis equals the one computed directly, cheapest first
        robot.interact(() -> plans.axisProperty().set(PlanComparisonViewModel.Axis.LATENCY));
        List<PlanComparisonViewModel.Row> byLatency = io.prunescope.measure.ParetoFront.of(rows,
                PlanComparisonViewModel.Row::latencyMs, PlanComparisonViewModel.Row::metric);
        waitUntil(() -> plans.front().equals(byLatency));
        robot.interact(() -> plans.axisProperty().set(PlanComparisonViewModel.Axis.GFLOPS));
        waitUntil(() -> new java.util.HashSet<>(plans.front()).equals(new java.util.HashSet<>(undominated)));
        WaitForFx.events();
        ChartViewer viewer = (ChartViewer) robot.lookup("#plansChart").queryAs(javafx.scene.layout.StackPane.class)
                .getChildren().get(0);
        XYPlot plot = viewer.getChart().getXYPlot();
        XYDataset d = plot.getDataset();
        assertThat(d.getItemCount(0)).isEqualTo(5);
        for (int i = 0; i < 5; i++) {
            PlanComparisonViewModel.Row r = rows.get(i);
            assertThat(d.getXValue(0, i)).isCloseTo(r.gflops(), within(1e-12));
            assertThat(d.getYValue(0, i)).isCloseTo(100 * r.metric(), within(1e-9));
        }
        assertThat(d.getItemCount(1)).isEqualTo(undominated.size());
        // the current plan (the last kept) was measured with them: the status bar shows its short form
        waitUntil(() -> !robot.lookup("#planMeasureShort").queryAs(Label.class).getText().isEmpty());
        screenshot(robot, "plan-comparison.png");

        // a click on the first kept plan's point makes it current, as one undoable step
        PruningPlan before = window.editor().current();
        PlanComparisonViewModel.Row target = rows.get(0);
        WaitForFx.events();
        var info = viewer.getCanvas().getRenderingInfo().getPlotInfo().getDataArea();
        double x = plot.getDomainAxis().valueToJava2D(target.gflops(), info, plot.getDomainAxisEdge());
        double y = plot.getRangeAxis().valueToJava2D(100 * target.metric(), info, plot.getRangeAxisEdge());
        robot.clickOn(viewer.getCanvas().localToScreen(x, y));
        waitIdle(window);
        assertThat(window.editor().current()).isEqualTo(target.snapshot().plan());
        robot.interact(() -> window.editor().undo());
        assertThat(window.editor().current()).isEqualTo(before);

        // the kept plans go into the session file
        Path session = home.resolve("kept.prunescope");
        robot.interact(() -> window.saveSession(session));
        waitUntil(() -> Files.isRegularFile(session));
        assertThat(SessionFile.read(session).kept()).extracting(s -> s.name())
                .containsExactly("l1:0.05", "fpgm:0.1", "l1:0.1", "random:0.1", "l1:0.3");
        // ... and come back with it: closed, then the session opened again
        robot.interact(() -> window.closeModel());
        waitUntil(() -> plans.rows().isEmpty());
        robot.interact(() -> window.openSession(session));
        waitUntil(() -> window.document().getWorkspace() != null && plans.rows().size() == 5);
        assertThat(plans.rows()).extracting(PlanComparisonViewModel.Row::name)
                .containsExactly("l1:0.05", "fpgm:0.1", "l1:0.1", "random:0.1", "l1:0.3");
    }

    private void screenshot(FxRobot robot, String name) {
        robot.interact(() -> {
            try {
                Screenshot.write(window.scene(), Path.of("target", "ui-screenshots", name));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Lets pending layout and rendering run. */
    private static final class WaitForFx {
        static void events() {
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        }
    }
}
