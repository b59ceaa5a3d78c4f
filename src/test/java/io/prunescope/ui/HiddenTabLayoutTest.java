package io.prunescope.ui;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static io.prunescope.ui.UiTestSupport.openAndWait;
import static io.prunescope.ui.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hidden analysis tab's content stays out of layout (a chart viewer redraws its whole chart when resized; the
 * window's new layout after a model opened redrew four hidden charts: src/docs/time-to-interactive.md, third round),
 * and once its tab is selected it fills the tab exactly as the tab shown before did.
 */
class HiddenTabLayoutTest extends MainWindowTestBase {

    @Start
    void start(Stage stage) throws Exception {
        showWindow(stage);
    }

    @Test
    void hiddenTabsAreNotResizedAndFillTheirTabWhenSelected(FxRobot robot) throws Exception {
        openAndWait(robot, window, TestModels.RESIDUAL);
        robot.interact(() -> window.analysisTabs().select(AnalysisTabs.HEATMAPS));
        WaitForAsyncUtils.waitForFxEvents();
        Node heatmaps = content(AnalysisTabs.HEATMAPS);
        Node costs = content(AnalysisTabs.COSTS);
        Node chart = costs.lookup("#layerBarsChart");
        double[] before = new double[2];
        robot.interact(() -> {
            before[0] = chart.getLayoutBounds().getWidth();
            before[1] = chart.getLayoutBounds().getHeight();
        });

        // the window grows: the shown tab follows, the hidden chart keeps its size (no redraw)
        double[] shownBefore = {heatmaps.getLayoutBounds().getWidth(), heatmaps.getLayoutBounds().getHeight()};
        robot.interact(() -> {
            stage.setWidth(stage.getWidth() - 120);
            stage.setHeight(stage.getHeight() - 90);
        });
        waitUntil(() -> heatmaps.getLayoutBounds().getWidth() != shownBefore[0]);
        assertThat(costs.isManaged()).isFalse();
        assertThat(chart.getLayoutBounds().getWidth()).isEqualTo(before[0]);
        assertThat(chart.getLayoutBounds().getHeight()).isEqualTo(before[1]);

        // selected, the costs tab takes the size the heatmaps tab had, and its chart fills what its heading leaves
        Bounds shown = heatmaps.getLayoutBounds();
        robot.interact(() -> window.analysisTabs().select(AnalysisTabs.COSTS));
        waitUntil(() -> costs.getLayoutBounds().getWidth() == shown.getWidth());
        assertThat(costs.isManaged()).isTrue();
        assertThat(heatmaps.isManaged()).isFalse();
        assertThat(costs.getLayoutBounds().getHeight()).isEqualTo(shown.getHeight());
        assertThat(chart.getLayoutBounds().getWidth()).isGreaterThan(0);
        assertThat(chart.getBoundsInParent().getMaxY()).isCloseTo(shown.getHeight()
                - ((javafx.scene.layout.Region) costs).getInsets().getBottom(), org.assertj.core.data.Offset.offset(1.0));
    }

    private Node content(String id) {
        return window.analysisTabs().tabs().stream().filter(t -> t.getId().equals(id)).findFirst()
                .map(Tab::getContent).orElseThrow();
    }
}
