package io.prunescope.ui;

import io.prunescope.model.Model;
import io.prunescope.onnx.OnnxReader;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The main window, driven headless through TestFX and Monocle. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    static final Path SAMPLE = Path.of("assets/models/fashion-resnet.onnx");

    private final Preferences prefs = Preferences.userRoot().node("io/prunescope/test/" + UUID.randomUUID());
    private volatile AnalysisService analysis = TestModels::fakeAnalysis;
    private MainWindow window;
    private Stage stage;

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        OnnxReader onnx = new OnnxReader();
        ModelFileReader reader = file -> switch (file.getFileName().toString()) {
            case "tiny.onnx", "tiny2.onnx" -> TestModels.tinyCnn(file);
            case "symbolic.onnx" -> TestModels.symbolicCnn(file);
            default -> onnx.read(file).model();
        };
        AnalysisService delegating = (m, b, c, p) -> analysis.analyze(m, b, c, p);
        window = new MainWindow(stage, new UiServices(reader, delegating, prefs));
        window.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        prefs.removeNode();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void openAndWait(FxRobot robot, Path file) throws Exception {
        robot.interact(() -> window.open(file));
        waitUntil(() -> !window.loader().busyProperty().get());
    }

    private Model openTiny(FxRobot robot) throws Exception {
        openAndWait(robot, tmp.resolve("tiny.onnx"));
        assertThat(window.document().getAnalysis()).isNotNull();
        return window.document().getAnalysis().model();
    }

    @SuppressWarnings("unchecked")
    private TableView<LayerRow> table(FxRobot robot) {
        return (TableView<LayerRow>) robot.lookup("#layerTable").queryAs(TableView.class);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void tableShowsOneRowPerNodeWithNameAndOp(FxRobot robot) throws Exception {
        openTiny(robot);
        List<LayerRow> rows = table(robot).getItems();
        assertThat(rows).extracting(LayerRow::name).containsExactlyElementsOf(TestModels.TINY_NAMES);
        assertThat(rows).extracting(LayerRow::op).containsExactlyElementsOf(TestModels.TINY_OPS);
        assertThat(stage.getTitle()).isEqualTo("tiny.onnx — PruneScope");
        // Numbers are formatted with thousands separators; the summary shows totals.
        assertThat(robot.lookup(".number-cell").queryAllAs(javafx.scene.control.TableCell.class))
                .extracting(c -> c.getText()).contains("169,344", "225,792");
        assertThat(text(robot, "#summaryNodes")).isEqualTo("8");
        assertThat(text(robot, "#summaryPrunable")).isEqualTo("3");
        assertThat(text(robot, "#summaryMacs")).isEqualTo("395,296");
        assertThat(text(robot, "#summaryParams")).isEqualTo("1,562");
        assertThat(text(robot, "#statusText")).startsWith("Opened tiny.onnx");
    }

    @Test
    void selectingARowFillsTheInspector(FxRobot robot) throws Exception {
        openTiny(robot);
        robot.clickOn(robot.lookup(".table-cell").match(LabeledMatchers.hasText("conv2"))
                .queryAs(javafx.scene.Node.class));
        waitUntil(() -> window.document().selectedNodeProperty().get() != null);
        assertThat(text(robot, "#inspectorName")).isEqualTo("conv2");
        assertThat(text(robot, "#inspectorOp")).isEqualTo("Conv");
        assertThat(text(robot, "#inspectorWeight")).isEqualTo("[16×8×3×3]");
        assertThat(text(robot, "#inspectorParams")).isEqualTo("1,168");
        assertThat(text(robot, "#inspectorMacs")).isEqualTo("225,792");
        assertThat(text(robot, "#inspectorInputs")).contains("p1  [1×8×14×14]", "conv2.w  [16×8×3×3]  (const)");
        assertThat(text(robot, "#inspectorOutputs")).isEqualTo("c2  [1×16×14×14]");
    }

    @Test
    void filterFieldNarrowsRowsByNameOrOp(FxRobot robot) throws Exception {
        openTiny(robot);
        robot.clickOn("#layerFilter").write("relu");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table(robot).getItems()).extracting(LayerRow::name).containsExactly("relu1", "relu2");
        robot.interact(() -> robot.lookup("#layerFilter").queryAs(TextField.class).setText("GEMM"));
        assertThat(table(robot).getItems()).extracting(LayerRow::name).containsExactly("fc");
        robot.interact(() -> robot.lookup("#layerFilter").queryAs(TextField.class).setText(""));
        assertThat(table(robot).getItems()).hasSize(8);
    }

    @Test
    void columnsSortByNumbers(FxRobot robot) throws Exception {
        openTiny(robot);
        TableView<LayerRow> t = table(robot);
        robot.interact(() -> {
            TableColumn<LayerRow, ?> macs = t.getColumns().stream().filter(c -> c.getText().equals("MACs"))
                    .findFirst().orElseThrow();
            macs.setSortType(TableColumn.SortType.DESCENDING);
            t.getSortOrder().setAll(List.of(macs));
        });
        assertThat(t.getItems()).extracting(LayerRow::name).startsWith("conv2", "conv1", "fc");
    }

    @Test
    void corruptFileShowsErrorAndKeepsThePreviousModel(FxRobot robot) throws Exception {
        Model before = openTiny(robot);
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
        assertThat(table(robot).getItems()).hasSize(8);
        robot.clickOn(dialog.lookupButton(ButtonType.OK));
        waitUntil(() -> robot.lookup("#loadErrorDialog").tryQuery().isEmpty());
        // Still usable: filtering works on the old model.
        robot.clickOn("#layerFilter").write("conv");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table(robot).getItems()).hasSize(2);
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
        robot.interact(() -> window.open(tmp.resolve("symbolic.onnx")));
        waitUntil(() -> robot.lookup("#dimensionsDialog").tryQuery().isPresent());
        TextField height = robot.lookup("#dim-0").queryAs(TextField.class);
        TextField width = robot.lookup("#dim-1").queryAs(TextField.class);
        assertThat(height.getText()).isEqualTo("224");
        assertThat(width.getText()).isEqualTo("224");
        robot.interact(() -> height.setText("32"));
        DialogPane dialog = robot.lookup("#dimensionsDialog").queryAs(DialogPane.class);
        robot.clickOn(dialog.lookupButton(ButtonType.OK));
        waitUntil(() -> window.document().getAnalysis() != null);
        assertThat(window.document().getAnalysis().inputShapes().get("images")).containsExactly(1, 3, 32, 224);
        assertThat(table(robot).getItems()).hasSize(8);
    }

    @Test
    void cancellingALoadKeepsThePreviousModel(FxRobot robot) throws Exception {
        Model before = openTiny(robot);
        analysis = (m, b, cancel, p) -> {
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
        };
        robot.interact(() -> window.open(tmp.resolve("tiny2.onnx")));
        waitUntil(() -> robot.lookup("#cancelLoad").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
        robot.clickOn("#cancelLoad");
        waitUntil(() -> !window.loader().busyProperty().get());
        assertThat(window.document().getAnalysis().model()).isSameAs(before);
        assertThat(text(robot, "#statusText")).isEqualTo("Opening cancelled");
    }

    @Test
    void opensTheSampleModelWithTheRealAnalysis(FxRobot robot) throws Exception {
        assumeTrue(Files.isRegularFile(SAMPLE), "sample model not generated yet");
        analysis = (m, b, c, p) -> io.prunescope.analysis.ModelAnalyzer.analyze(m, b,
                io.prunescope.analysis.ShapeFallback.NONE, c, p);
        openAndWait(robot, SAMPLE);
        Model m = window.document().getAnalysis().model();
        assertThat(table(robot).getItems()).extracting(LayerRow::name)
                .containsExactlyElementsOf(m.graph().nodes().stream().map(io.prunescope.model.Node::displayName)
                        .toList());
        assertThat(window.recentFiles().files()).first().isEqualTo(SAMPLE.toAbsolutePath());
    }

    @Test
    void recentFilesAndLayoutAreRemembered(FxRobot robot) throws Exception {
        openTiny(robot);
        assertThat(window.recentFiles().files()).containsExactly(tmp.resolve("tiny.onnx").toAbsolutePath());
        assertThat(new RecentFiles(prefs).files()).containsExactly(tmp.resolve("tiny.onnx").toAbsolutePath());
        robot.interact(() -> stage.close());
        assertThat(prefs.get("split.main", "")).matches("0\\.\\d+,0\\.\\d+");
        assertThat(prefs.getDouble("window.w", -1)).isPositive();
    }

    @Test
    void writesScreenshotsOfBothThemes(FxRobot robot) throws Exception {
        openTiny(robot);
        robot.interact(() -> window.document().selectedNodeProperty().set(
                window.document().getAnalysis().model().graph().nodes().get(3)));
        Path dir = Path.of("target", "ui-screenshots");
        robot.interact(() -> {
            try {
                Screenshot.write(window.scene(), dir.resolve("tiny-light.png"));
                window.setTheme(Theme.DARK);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            try {
                Screenshot.write(window.scene(), dir.resolve("tiny-dark.png"));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        assertThat(dir.resolve("tiny-light.png")).isNotEmptyFile();
        assertThat(dir.resolve("tiny-dark.png")).isNotEmptyFile();
    }
}
