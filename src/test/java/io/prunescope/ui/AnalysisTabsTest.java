package io.prunescope.ui;

import io.prunescope.ui.heatmap.HeatmapPanel;
import javafx.geometry.Bounds;
import javafx.geometry.BoundingBox;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static io.prunescope.ui.UiTestSupport.openAndWait;
import static io.prunescope.ui.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The tabs under the panels: selecting a prunable layer puts its heatmaps on screen, without scrolling. */
class AnalysisTabsTest extends MainWindowTestBase {


    @Start
    void start(Stage stage) throws Exception {
        showWindow(stage);
    }

    /**
     * At 1280×800 (the headless Monocle screen; it cannot hold a bigger window — 1600×1000 is checked on the
     * {@code --screenshot} images of the real app under Xvfb).
     */
    @Test
    void selectingAPrunableLayerShowsTheHeatmapsAt1280x800(FxRobot robot) throws Exception {
        heatmapsOnScreen(robot, 1280, 800);
    }

    private void heatmapsOnScreen(FxRobot robot, double w, double h) throws Exception {
        robot.interact(() -> {
            stage.setWidth(w);
            stage.setHeight(h);
        });
        openAndWait(robot, window, TestModels.RESIDUAL);
        HeatmapPanel panel = window.analysisTabs().heatmap();
        robot.interact(() -> window.document().selectedNodeProperty().set(
                window.document().getWorkspace().engine().layer(TestModels.LAYER).orElseThrow().node()));
        waitUntil(() -> !panel.busyProperty().get() && panel.data() != null
                && panel.data().layer().equals(TestModels.LAYER) && panel.maps().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(window.analysisTabs().selectedId()).isEqualTo(AnalysisTabs.HEATMAPS);
        assertThat(panel.getScene()).isSameAs(window.scene());
        assertShown(panel);
        Bounds panelBounds = panel.localToScene(panel.getBoundsInLocal());
        assertThat(panelBounds.getWidth()).isGreaterThan(400);
        assertThat(panelBounds.getHeight()).isGreaterThan(150);
        Bounds sceneBounds = new BoundingBox(0, 0, window.scene().getWidth(), window.scene().getHeight());
        assertThat(sceneBounds.contains(panelBounds)).as("%s inside the window %s", panelBounds, sceneBounds)
                .isTrue();
        // the score bars and both maps are wholly in view: nothing needs scrolling
        ScrollPane scroll = ancestor(panel.maps().get(0).imageView(), ScrollPane.class);
        Node viewportNode = scroll.lookup(".viewport");
        Bounds viewport = viewportNode.localToScene(viewportNode.getLayoutBounds());
        for (HeatmapPanel.MapView m : panel.maps()) {
            assertShown(m.imageView());
            Bounds b = m.imageView().localToScene(m.imageView().getBoundsInLocal());
            assertThat(b.getWidth()).isPositive();
            assertThat(b.getHeight()).isGreaterThanOrEqualTo(90);
            assertThat(viewport.contains(b)).as("map %s inside the visible %s", b, viewport).isTrue();
        }
        for (HeatmapPanel.BarView bars : panel.bars()) {
            assertThat(bars.raster()).isNotNull();
        }
        Path png = Path.of("target", "ui-screenshots", "analysis-tabs-" + (int) w + "x" + (int) h + ".png");
        robot.interact(() -> {
            try {
                Screenshot.write(window.scene(), png);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void theChosenTabIsRemembered(FxRobot robot) throws Exception {
        openAndWait(robot, window, TestModels.RESIDUAL);
        assertThat(window.analysisTabs().selectedId()).isEqualTo(AnalysisTabs.HEATMAPS);
        TabPane tabs = window.analysisTabs().node();
        assertThat(tabs.getTabs()).extracting(t -> t.getText())
                .containsExactly("Heatmaps", "Per-layer costs", "Score histogram", "Plan results", "Plans");
        robot.clickOn("Per-layer costs");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.analysisTabs().selectedId()).isEqualTo(AnalysisTabs.COSTS);
        assertShown(robot.lookup("#layerBarsChart").query());
        assertThat(prefs.get(AnalysisTabs.PREF_KEY, null)).isEqualTo(AnalysisTabs.COSTS);
        robot.clickOn("Score histogram");
        WaitForAsyncUtils.waitForFxEvents();
        assertShown(robot.lookup("#scoreHistogram").query());
        // a new window with the same preferences opens on the tab chosen last
        AtomicReference<String> reopened = new AtomicReference<>();
        robot.interact(() -> reopened.set(new MainWindow(new Stage(), UiTestSupport.services(
                new UiTestSupport.SwitchableOpener(), prefs, tmpHome())).analysisTabs().selectedId()));
        assertThat(reopened.get()).isEqualTo(AnalysisTabs.HISTOGRAM);
        // and the heatmaps still follow the selection while another tab is showing
        robot.interact(() -> window.document().selectedNodeProperty().set(
                window.document().getWorkspace().engine().layer(TestModels.LAYER).orElseThrow().node()));
        HeatmapPanel panel = window.analysisTabs().heatmap();
        waitUntil(() -> !panel.busyProperty().get() && panel.data() != null
                && panel.data().layer().equals(TestModels.LAYER));
    }

    private static Path tmpHome() {
        try {
            return Files.createTempDirectory("ps-home");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Visible itself and every ancestor up to the scene's root. */
    private static void assertShown(Node n) {
        assertThat(n.getScene()).isNotNull();
        for (Node p = n; p != null; p = p.getParent()) {
            assertThat(p.isVisible()).as("%s visible", p).isTrue();
        }
    }

    private static <T> T ancestor(Node n, Class<T> type) {
        for (Parent p = n.getParent(); p != null; p = p.getParent()) {
            if (type.isInstance(p)) {
                return type.cast(p);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " above " + n);
    }
}
