package io.prunescope.ui;

import io.prunescope.model.Model;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static io.prunescope.ui.UiTestSupport.openAndWait;
import static io.prunescope.ui.UiTestSupport.text;
import static io.prunescope.ui.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The main window, driven headless through TestFX and Monocle, on the small residual.onnx. */
class MainWindowTest extends MainWindowTestBase {

    static final Path SAMPLE = Path.of("assets/models/fashion-resnet.onnx");


    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) throws Exception {
        showWindow(stage);
    }

    private Model openResidual(FxRobot robot) throws Exception {
        openAndWait(robot, window, TestModels.RESIDUAL);
        assertThat(window.document().getAnalysis()).isNotNull();
        return window.document().getAnalysis().model();
    }

    @Test
    void tableShowsOnlyPrunableLayersByDefaultAndEveryNodeWithoutTheFilter(FxRobot robot) throws Exception {
        Model m = openResidual(robot);
        assertThat(LayerTables.rows(robot)).extracting(LayerRow::name).containsExactlyInAnyOrderElementsOf(
                window.document().getAnalysis().prunableLayers().stream().map(l -> l.name()).toList());
        LayerTables.showAllNodes(robot);
        List<LayerRow> rows = LayerTables.rows(robot);
        assertThat(rows).extracting(LayerRow::name)
                .containsExactlyInAnyOrderElementsOf(m.graph().nodes().stream()
                        .map(io.prunescope.model.Node::displayName).toList());
        assertThat(stage.getTitle()).isEqualTo("residual.onnx — PruneScope");
        assertThat(robot.lookup(".number-cell").queryAllAs(javafx.scene.control.TreeTableCell.class))
                .extracting(c -> c.getText()).contains("589,824");
        assertThat(text(robot, "#summaryNodes")).isEqualTo("21");
        assertThat(text(robot, "#summaryPrunable")).isEqualTo("7");
        var a = window.document().getAnalysis();
        assertThat(text(robot, "#summaryMacs")).isEqualTo(Formats.count(a.totalMacs()));
        assertThat(text(robot, "#summaryParams")).isEqualTo(Formats.count(a.totalParams()));
        assertThat(text(robot, "#statusText")).startsWith("Opened residual.onnx");
    }

    @Test
    void selectingARowFillsTheInspector(FxRobot robot) throws Exception {
        openResidual(robot);
        // scroll to the layer's own row (the table is shorter since the heatmap tabs sit under it)
        LayerTables.scrollTo(robot, TestModels.LAYER);
        robot.clickOn(robot.lookup(".tree-table-cell").match(LabeledMatchers.hasText(TestModels.LAYER))
                .queryAs(javafx.scene.Node.class));
        waitUntil(() -> window.document().selectedNodeProperty().get() != null);
        assertThat(text(robot, "#inspectorName")).isEqualTo(TestModels.LAYER);
        assertThat(text(robot, "#inspectorOp")).isEqualTo("Conv");
        assertThat(text(robot, "#inspectorWeight")).isEqualTo("[16×16×3×3]");
        assertThat(text(robot, "#inspectorParams")).isEqualTo("2,304");
        assertThat(text(robot, "#inspectorMacs")).isEqualTo("589,824");
        assertThat(text(robot, "#inspectorOutputs")).contains("[1×16×16×16]");
    }

    @Test
    void filterFieldNarrowsRowsByNameOrOp(FxRobot robot) throws Exception {
        openResidual(robot);
        LayerTables.showAllNodes(robot);
        robot.clickOn("#layerFilter").write("relu");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(LayerTables.rows(robot)).extracting(LayerRow::op).containsOnly("Relu").isNotEmpty();
        robot.interact(() -> robot.lookup("#layerFilter").queryAs(TextField.class).setText("GEMM"));
        assertThat(LayerTables.rows(robot)).extracting(LayerRow::op).containsExactly("Gemm");
        robot.interact(() -> robot.lookup("#layerFilter").queryAs(TextField.class).setText(""));
        assertThat(LayerTables.rows(robot)).hasSize(21);
    }

    @Test
    void columnsSortByNumbers(FxRobot robot) throws Exception {
        openResidual(robot);
        LayerTables.showAllNodes(robot);
        TreeTableView<LayerRow> t = LayerTables.table(robot);
        robot.interact(() -> {
            TreeTableColumn<LayerRow, ?> macs = t.getColumns().stream().filter(c -> c.getText().equals("MACs"))
                    .findFirst().orElseThrow();
            macs.setSortType(TreeTableColumn.SortType.DESCENDING);
            t.getSortOrder().setAll(List.of(macs));
        });
        // siblings are sorted under each parent (modules by their totals)
        List<Long> macs = t.getRoot().getChildren().stream().map(i -> i.getValue().macs()).toList();
        assertThat(macs).hasSizeGreaterThan(1).isSortedAccordingTo((x, y) -> Long.compare(y, x));
    }

    @Test
    void corruptFileShowsErrorAndKeepsThePreviousModel(FxRobot robot) throws Exception {
        Model before = openResidual(robot);
        Path corrupt = tmp.resolve("corrupt.onnx");
        byte[] junk = new byte[4096];
        new Random(42).nextBytes(junk);
        Files.write(corrupt, junk);
        robot.interact(() -> window.open(corrupt));
        waitUntil(() -> robot.lookup("#loadErrorDialog").tryQuery().isPresent());
        DialogPane dialog = robot.lookup("#loadErrorDialog").queryAs(DialogPane.class);
        assertThat(dialog.getHeaderText()).isEqualTo("Could not open corrupt.onnx");
        assertThat(dialog.getContentText()).isNotBlank();
        assertThat(window.document().getAnalysis().model()).isSameAs(before);
        robot.clickOn(dialog.lookupButton(ButtonType.OK));
        waitUntil(() -> robot.lookup("#loadErrorDialog").tryQuery().isEmpty());
        robot.clickOn("#layerFilter").write("conv");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(LayerTables.rows(robot)).hasSize(6);
    }

    @Test
    void themeSwitchAppliesAndRemembersTheStylesheet(FxRobot robot) throws Exception {
        assertThat(window.scene().getStylesheets()).anyMatch(s -> s.endsWith("light.css"));
        robot.clickOn("#toolDark");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.scene().getStylesheets()).anyMatch(s -> s.endsWith("dark.css"))
                .noneMatch(s -> s.endsWith("light.css")).anyMatch(s -> s.endsWith("base.css"));
        assertThat(prefs.get("theme", null)).isEqualTo("DARK");
        robot.clickOn("#toolDark");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.scene().getStylesheets()).anyMatch(s -> s.endsWith("light.css"));
    }

    @Test
    void missingInputDimensionsAreAskedFor(FxRobot robot) throws Exception {
        Path symbolic = TestModels.symbolicResidual(tmp);
        robot.interact(() -> window.open(symbolic));
        waitUntil(() -> robot.lookup("#dimensionsDialog").tryQuery().isPresent());
        TextField height = robot.lookup("#dim-0").queryAs(TextField.class);
        TextField width = robot.lookup("#dim-1").queryAs(TextField.class);
        robot.interact(() -> {
            height.setText("32");
            width.setText("16");
        });
        DialogPane dialog = robot.lookup("#dimensionsDialog").queryAs(DialogPane.class);
        robot.clickOn(dialog.lookupButton(ButtonType.OK));
        waitUntil(() -> window.document().getAnalysis() != null);
        assertThat(window.document().getAnalysis().inputShapes().values().iterator().next())
                .containsExactly(1, 3, 32, 16);
        LayerTables.showAllNodes(robot);
        assertThat(LayerTables.rows(robot)).hasSize(21);
    }

    @Test
    void cancellingALoadKeepsThePreviousModel(FxRobot robot) throws Exception {
        Model before = openResidual(robot);
        opener.delegate = new WorkspaceOpener() {
            @Override
            public io.prunescope.session.Workspace.Source read(Path file)
                    throws io.prunescope.onnx.ModelLoadException {
                return WorkspaceOpener.DEFAULT.read(file);
            }

            @Override
            public io.prunescope.session.Workspace open(io.prunescope.session.Workspace.Source source,
                                                        io.prunescope.model.InputBindings bindings,
                                                        io.prunescope.task.CancellationToken cancel,
                                                        io.prunescope.task.Progress p) {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (System.nanoTime() < end) {
                    cancel.throwIfCancelled();
                    p.report(1, 10, "Working…");
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                throw new IllegalStateException("not cancelled");
            }
        };
        Path copy = TestModels.residualCopy(tmp, "other.onnx");
        robot.interact(() -> window.open(copy));
        waitUntil(() -> robot.lookup("#cancelLoad").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
        robot.clickOn("#cancelLoad");
        waitUntil(() -> !window.loader().busyProperty().get());
        assertThat(window.document().getAnalysis().model()).isSameAs(before);
        assertThat(text(robot, "#statusText")).isEqualTo("Opening cancelled");
    }

    @Test
    void opensTheSampleModel(FxRobot robot) throws Exception {
        assumeTrue(Files.isRegularFile(SAMPLE), "sample model not generated yet");
        openAndWait(robot, window, SAMPLE);
        Model m = window.document().getAnalysis().model();
        LayerTables.showAllNodes(robot);
        assertThat(LayerTables.rows(robot)).hasSize(m.graph().nodes().size());
        assertThat(window.recentFiles().files()).first().isEqualTo(SAMPLE.toAbsolutePath());
    }

    @Test
    void recentFilesAndLayoutAreRemembered(FxRobot robot) throws Exception {
        openResidual(robot);
        assertThat(window.recentFiles().files()).containsExactly(TestModels.RESIDUAL.toAbsolutePath());
        assertThat(new RecentFiles(prefs).files()).containsExactly(TestModels.RESIDUAL.toAbsolutePath());
        robot.interact(() -> stage.close());
        // keys new since the inspector spans the full height beside layers | network over the analysis tabs
        assertThat(prefs.get("split.columns", "")).matches("0\\.\\d+");
        assertThat(prefs.get("split.panes.networkFirst", "")).matches("0\\.\\d+");
        assertThat(prefs.get("split.verticalTabs.networkFirst", "")).matches("0\\.\\d+");
        assertThat(prefs.getDouble("window.w", -1)).isPositive();
    }

    @Test
    void writesScreenshotsOfBothThemes(FxRobot robot) throws Exception {
        openResidual(robot);
        robot.interact(() -> window.applyDemo("fpgm:0.3"));
        UiTestSupport.waitIdle(window);
        waitUntil(() -> !window.charts().scoringProperty().get());
        Path dir = Path.of("target", "ui-screenshots");
        robot.interact(() -> {
            try {
                Screenshot.write(window.scene(), dir.resolve("residual-light.png"));
                window.setTheme(Theme.DARK);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            try {
                Screenshot.write(window.scene(), dir.resolve("residual-dark.png"));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        assertThat(dir.resolve("residual-light.png")).isNotEmptyFile();
        assertThat(dir.resolve("residual-dark.png")).isNotEmptyFile();
    }

    /**
     * At 1280×800 (the smallest size the README promises) with the detector and a plan, the longest texts the main
     * window shows: no label is cut to "…" and nothing lies beyond the window's right edge (the summary bar's
     * figures wrap instead; before, they pushed the inspector off screen).
     */
    @Test
    void at1280x800NothingIsCutOrPushedOffTheWindow(FxRobot robot) throws Exception {
        robot.interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
        });
        openAndWait(robot, window, Path.of("assets/models/yolov5n-fashion.onnx"));
        robot.interact(() -> window.applyDemo("fpgm:0.3"));
        UiTestSupport.waitIdle(window);
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Scene scene = window.scene();
        java.util.List<String> cut = new java.util.ArrayList<>();
        java.util.List<String> outside = new java.util.ArrayList<>();
        robot.interact(() -> {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            check(scene.getRoot(), scene.getWidth(), cut, outside);
        });
        assertThat(window.document().getWorkspace()).isNotNull();
        assertThat(robot.lookup("#summaryLatency").queryAs(javafx.scene.control.Label.class).getText()).isNotEmpty();
        assertThat(cut).as("summary bar labels cut short").isEmpty();
        assertThat(outside).as("nodes beyond the window's right edge").isEmpty();
    }

    /** Summary bar labels cut to "…"; summary bar and inspector labels reaching past the scene's width. */
    private static void check(javafx.scene.Node n, double sceneWidth, java.util.List<String> cut,
                              java.util.List<String> outside) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof javafx.scene.control.Label l && inside(l, "summary-bar", "inspector-panel")
                && l.getText() != null && !l.getText().isEmpty() && !l.isWrapText()) {
            javafx.scene.Node shown = l.lookup(".text");
            if (inside(l, "summary-bar") && shown instanceof javafx.scene.text.Text t
                    && !t.getText().equals(l.getText())) {
                cut.add(l.getText() + " → " + t.getText());
            }
            double right = l.localToScene(l.getBoundsInLocal()).getMaxX();
            if (right > sceneWidth + 1) {
                outside.add(l.getText() + " ends at x=" + Math.round(right));
            }
        }
        if (n instanceof javafx.scene.Parent p) {
            for (javafx.scene.Node c : p.getChildrenUnmodifiable()) {
                check(c, sceneWidth, cut, outside);
            }
        }
    }

    private static boolean inside(javafx.scene.Node n, String... styleClasses) {
        for (javafx.scene.Node p = n; p != null; p = p.getParent()) {
            for (String c : styleClasses) {
                if (p.getStyleClass().contains(c)) {
                    return true;
                }
            }
        }
        return false;
    }
}
