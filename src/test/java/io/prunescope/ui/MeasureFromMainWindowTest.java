package io.prunescope.ui;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.prunescope.ui.UiTestSupport.openAndWait;
import static io.prunescope.ui.UiTestSupport.waitIdle;
import static io.prunescope.ui.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tools ▸ Measure… on a detector opens on the Detection tab, which measures the document's current plan and follows
 * it: an undo makes the results stale, a redo current again.
 */
class MeasureFromMainWindowTest extends MainWindowTestBase {

    @Start
    void start(Stage stage) throws Exception {
        showWindow(stage);
    }

    private static final Path DETECTOR = Path.of("assets/models/yolov5n-fashion.onnx");

    @Test
    @SuppressWarnings("unchecked")
    void detectionTabFollowsTheDocumentsPlan(FxRobot robot) throws Exception {
        assumeTrue(Files.isRegularFile(DETECTOR) && Files.isRegularFile(Path.of("assets/data/fashion-detect/data.yaml")),
                "trained detector or detection data not in assets/");
        openAndWait(robot, window, DETECTOR);
        robot.interact(() -> window.applyDemo("l1:0.3"));
        waitIdle(window);
        robot.interact(window::showMeasure);
        Stage measure = (Stage) Window.getWindows().stream()
                .filter(w -> w instanceof Stage s && s.getTitle() != null && s.getTitle().startsWith("Measure"))
                .findFirst().orElseThrow();
        TabPane tabs = (TabPane) measure.getScene().lookup(".tab-pane");
        assertThat(tabs.getSelectionModel().getSelectedItem().getText()).isEqualTo("Detection");

        robot.interact(() -> ((Spinner<Integer>) measure.getScene().lookup("#detectionLimit")).getValueFactory()
                .setValue(2));
        robot.interact(() -> ((Button) measure.getScene().lookup("#detectionEvaluate")).fire());
        Label summary = (Label) measure.getScene().lookup("#detectionSummary");
        Label stale = (Label) measure.getScene().lookup("#detectionStale");
        waitUntil(300, () -> !summary.getText().isEmpty());
        assertThat(summary.getText()).startsWith("mAP@0.5:0.95 ");
        assertThat(stale.isVisible()).isFalse();

        robot.interact(() -> window.editor().undo());
        waitUntil(() -> stale.isVisible());
        robot.interact(() -> window.editor().redo());
        waitUntil(() -> !stale.isVisible());
        robot.interact(measure::close);
    }
}
