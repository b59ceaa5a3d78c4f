package io.prunescope.ui;

import javafx.scene.control.SplitPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The panels' dividers come back where they were left, and stay there when the window gets its size only after it
 * is shown (as on X11: under Xvfb a window restored to 1600 px was laid out at 1400 first, and the inspector, which
 * keeps its width when the window grows, turned the remembered 0.74 into 0.39). Once a person has pressed the mouse
 * in the window, resizing it is theirs again: the inspector keeps its width.
 */
class RememberedDividersTest extends MainWindowTestBase {

    @Start
    void start(Stage stage) throws Exception {
        prefs.putDouble("window.x", 0);
        prefs.putDouble("window.y", 0);
        prefs.putDouble("window.w", 1000);
        prefs.putDouble("window.h", 700);
        prefs.put("split.columns", "0.6500");
        prefs.put("split.panes.networkFirst", "0.3000");
        prefs.put("split.verticalTabs.networkFirst", "0.5500");
        showWindow(stage);
    }

    @Test
    void theSavedDividersStayThroughTheFirstResizeButNotAfterAClick(FxRobot robot) throws Exception {
        settle();
        assertDividers(robot, 0.65, 0.30, 0.55);

        // the size the window system gives the window after it is shown
        var screen = Screen.getPrimary().getVisualBounds();
        robot.interact(() -> {
            stage.setWidth(screen.getWidth());
            stage.setHeight(screen.getHeight());
        });
        settle();
        assertThat(split(robot, "#mainSplit").getWidth()).isEqualTo(screen.getWidth());
        assertDividers(robot, 0.65, 0.30, 0.55);

        // after a click, a resize keeps the inspector's width (JavaFX's own behaviour for a person's resizing)
        robot.clickOn("#mainSplit");
        double inspector = WaitForAsyncUtils.asyncFx(() -> inspectorWidth(robot)).get();
        robot.interact(() -> stage.setWidth(screen.getWidth() - 200));
        settle();
        assertThat(WaitForAsyncUtils.asyncFx(() -> inspectorWidth(robot)).get()).isCloseTo(inspector, within(2.0));
        assertThat(split(robot, "#mainSplit").getDividerPositions()[0]).isLessThan(0.64);
    }

    private static void settle() {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void assertDividers(FxRobot robot, double columns, double panes, double vertical) throws Exception {
        double[] shown = WaitForAsyncUtils.asyncFx(() -> new double[]{
                split(robot, "#mainSplit").getDividerPositions()[0],
                split(robot, "#panesSplit").getDividerPositions()[0],
                split(robot, "#verticalSplit").getDividerPositions()[0]}).get();
        assertThat(shown[0]).as("columns").isCloseTo(columns, within(0.005));
        assertThat(shown[1]).as("layers | network").isCloseTo(panes, within(0.005));
        assertThat(shown[2]).as("panels over tabs").isCloseTo(vertical, within(0.005));
    }

    private static double inspectorWidth(FxRobot robot) {
        SplitPane columns = split(robot, "#mainSplit");
        return ((javafx.scene.layout.Region) columns.getItems().get(1)).getWidth();
    }

    private static SplitPane split(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(SplitPane.class);
    }
}
