package io.prunescope.ui;

import javafx.stage.Stage;
import io.prunescope.ui.heatmap.HeatmapPanel;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.prunescope.ui.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --measure-open} measures the real window: it ends only once the model is installed, the network laid out
 * and the first prunable layer's heatmaps are in the panel, and its times are in that order.
 */
class OpenTimerTest extends MainWindowTestBase {

    @Start
    void start(Stage stage) throws Exception {
        showWindow(stage);
    }

    @Test
    void reportsInstalledDrawnAndHeatmapsInOrderOnceTheyAreShown(FxRobot robot) throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        AtomicBoolean done = new AtomicBoolean();
        OpenTimer[] timer = new OpenTimer[1];
        robot.interact(() -> {
            timer[0] = new OpenTimer(window, new PrintStream(text, true, StandardCharsets.UTF_8), () -> done.set(true));
            timer[0].measure(TestModels.RESIDUAL);
        });
        waitUntil(60, done::get);

        HeatmapPanel panel = window.heatmap();
        String first = window.document().getWorkspace().engine().layers().get(0).name();
        assertThat(panel.data()).isNotNull();
        assertThat(panel.data().layer()).isEqualTo(first);
        assertThat(window.networkModel().diagram()).isNotNull();
        double[] t = timer[0].figures();
        assertThat(t[0]).isPositive();
        assertThat(t[1]).isGreaterThanOrEqualTo(t[0]);
        assertThat(t[2]).isGreaterThanOrEqualTo(t[0]);
        assertThat(timer[0].longestGapMs()).isPositive();
        assertThat(timer[0].longestEventWaitMs()).isPositive();
        assertThat(text.toString(StandardCharsets.UTF_8)).startsWith("measure-open residual.onnx: installed")
                .contains("heatmaps of " + first + " shown").contains("events: longest wait for the FX thread")
                .containsPattern("GC meanwhile: \\d+ pauses?, \\d+ ms")
                .containsPattern("all threads held meanwhile: \\d+ safepoints, \\d+ ms \\(reaching them \\d+ ms\\)");
    }
}
