package io.prunescope.ui;

import io.prunescope.ui.network.Viewport;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.prunescope.ui.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scrolling half of {@code --measure-open} really scrolls the network view: one step per frame down, as many
 * back up, so the view ends where it began, and it reports the frames it drew.
 */
class PanTimerTest extends MainWindowTestBase {

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) throws Exception {
        showWindow(stage);
        stage.setWidth(1200);
        stage.setHeight(800);
    }

    @Test
    void scrollsDownOneStepPerFrameAndBackAndReportsTheFrames(FxRobot robot) throws Exception {
        UiTestSupport.openAndWait(robot, window, ChainModel.write(dir, 40)); // far taller than the view
        NetworkView view = WaitForAsyncUtils.asyncFx(() -> (NetworkView) window.scene().lookup(".network-panel"))
                .get();
        waitUntil(30, () -> !view.diagram().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        Viewport v = view.viewport();
        double[] start = WaitForAsyncUtils.asyncFx(() -> new double[]{v.x(), v.y(), v.zoom()}).get();
        List<Double> ys = new ArrayList<>();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        AtomicBoolean done = new AtomicBoolean();
        robot.interact(() -> {
            javafx.animation.AnimationTimer watch = new javafx.animation.AnimationTimer() {
                @Override
                public void handle(long now) {
                    ys.add(v.y());
                }
            };
            watch.start();
            new PanTimer(view, new PrintStream(text, true, StandardCharsets.UTF_8), () -> {
                watch.stop();
                done.set(true);
            }).start();
        });
        waitUntil(30, done::get);

        // the deepest the view went: 60 steps of 12 screen pixels, in world units at the view's zoom
        double deepest = ys.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertThat(deepest - start[1]).isCloseTo(PanTimer.FRAMES_EACH_WAY * PanTimer.STEP / start[2],
                org.assertj.core.api.Assertions.within(1e-6));
        assertThat(v.y()).isCloseTo(start[1], org.assertj.core.api.Assertions.within(1e-6));
        assertThat(v.x()).isEqualTo(start[0]);
        assertThat(text.toString(StandardCharsets.UTF_8)).matches(
                "(?s)  scrolling the network at \\d+ % zoom: 120 frames in \\d+ ms, render thread [\\d.]+ ms and FX"
                        + " thread [\\d.]+ ms CPU per frame, longest gap between pulses \\d+ ms, \\d+ over 50 ms\\s*");
    }
}
