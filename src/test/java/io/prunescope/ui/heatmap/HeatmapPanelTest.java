package io.prunescope.ui.heatmap;

import io.prunescope.analysis.PrunableLayer;
import io.prunescope.model.InputBindings;
import io.prunescope.prune.LayerSetting;
import io.prunescope.prune.PruneDecision;
import io.prunescope.prune.PruningPlan;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;
import io.prunescope.ui.Theme;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The heatmap panel on a residual conv and the classifier of the residual fixture, headless. */
@ExtendWith(ApplicationExtension.class)
class HeatmapPanelTest {

    static final Path RESIDUAL = Path.of("src/test/resources/coupling/residual.onnx");
    static final Path SHOTS = Path.of("target/ui-screenshots");

    private static Workspace ws;
    private HeatmapPanel panel;
    private Scene scene;

    @BeforeAll
    static void open() throws Exception {
        ws = Workspace.open(RESIDUAL, InputBindings.none(), CancellationToken.NEVER, Progress.NONE);
    }

    @Start
    void start(Stage stage) {
        panel = new HeatmapPanel();
        scene = new Scene(panel, 480, 780);
        theme(Theme.LIGHT);
        stage.setScene(scene);
        stage.show();
    }

    private void theme(Theme t) {
        scene.getStylesheets().setAll(Theme.baseStylesheet(), t.stylesheet(),
                Theme.class.getResource("network.css").toExternalForm());
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
    }

    private static PrunableLayer conv16() {
        return conv16(ws);
    }

    /** A residual-stage conv of {@link #RESIDUAL} with 16 filters of 16 channels, 3×3. */
    static PrunableLayer conv16(Workspace ws) {
        return ws.analysis().prunableLayers().stream()
                .filter(l -> Arrays.equals(l.weight().dims(), new long[]{16, 16, 3, 3}))
                .findFirst().orElseThrow();
    }

    private void showAndWait(FxRobot robot, String layer, PruneDecision d) throws Exception {
        robot.interact(() -> panel.show(ws, layer, d));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !panel.busyProperty().get()
                && panel.data() != null && panel.data().layer().equals(layer));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void snapshot(FxRobot robot, Path png) throws Exception {
        AtomicReference<WritableImage> img = new AtomicReference<>();
        robot.interact(() -> img.set(panel.snapshot(null, null)));
        Files.createDirectories(png.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(img.get(), null), "png", png.toFile());
    }

    @Test
    void residualConvShowsFourScoreRowsAndBothMapsWithTheirDimensions(FxRobot robot) throws Exception {
        PrunableLayer l = conv16();
        PruningPlan plan = ws.emptyPlan().withLayer(l.name(),
                new LayerSetting(Granularity.FILTER, Criterion.L1, 0.5, false, 2, 4));
        PruneDecision d = ws.decide(plan);
        BitSet removed = d.removed(l.node().output(0));
        assertThat(removed.cardinality()).isEqualTo(8);
        long t0 = System.nanoTime();
        showAndWait(robot, l.name(), d);
        System.out.printf("heatmap panel for %s shown after %.0f ms%n", l.name(), (System.nanoTime() - t0) / 1e6);
        HeatmapData data = panel.data();
        assertThat(data.scores()).extracting(HeatmapData.ScoreRow::criterion).containsExactly(Criterion.L1,
                Criterion.L2, Criterion.FPGM, Criterion.GEOMETRIC_MEDIAN);
        assertThat(data.scores()).allSatisfy(s -> assertThat(s.values()).hasSize(16));
        // the scores are the engine's
        assertThat(data.scores().get(2).values())
                .containsExactly(ws.engine().layerScores(l.name(), Granularity.FILTER, Criterion.FPGM, 0));
        assertThat(panel.maps()).hasSize(2);
        HeatmapPanel.MapView kernels = panel.maps().get(0);
        HeatmapPanel.MapView stripes = panel.maps().get(1);
        assertThat(kernels.rows()).isEqualTo(16);
        assertThat(kernels.cols()).isEqualTo(16);
        assertThat(stripes.rows()).isEqualTo(16);
        assertThat(stripes.cols()).isEqualTo(9);
        assertThat(kernels.imageView().getImage().getWidth())
                .isEqualTo(HeatmapRenderer.GUTTER + 16 * kernels.raster().cellWidth());
        assertThat(stripes.imageView().getImage().getWidth())
                .isEqualTo(HeatmapRenderer.GUTTER + 9 * stripes.raster().cellWidth());
        // pruned marks are the decision's removed filters, everywhere
        assertThat(data.prunedRows()).isEqualTo(removed);
        for (int o = 0; o < 16; o++) {
            for (int c = 0; c < 16; c++) {
                assertThat(kernels.matrix().marked(o, c)).isEqualTo(removed.get(o));
            }
            for (int p = 0; p < 9; p++) {
                assertThat(stripes.matrix().marked(o, p)).isEqualTo(removed.get(o));
            }
            int y = HeatmapRenderer.GUTTER + o * kernels.raster().cellHeight() + 1;
            assertThat(kernels.raster().pixel(0, y) == ColorScale.PRUNED_MARK).isEqualTo(removed.get(o));
        }
        // the L1 bars: the removed filters are the lowest L1 scores, and they are the ones marked
        float[] l1 = data.scores().get(0).values();
        int[] ascending = HeatmapRenderer.sortedOrder(l1);
        for (int i = 0; i < 8; i++) {
            assertThat(removed.get(ascending[i])).isTrue();
        }
        robot.interact(() -> panel.setSorted(true));
        HeatmapPanel.BarView bars = panel.bars().get(0);
        assertThat(bars.order()).containsExactly(ascending);
        assertThat(bars.describe(1)).contains("filter " + ascending[0]).endsWith("(pruned)");
        // hovering a kernel cell reads it out
        double cellW = kernels.raster().cellWidth() * kernels.imageView().getFitWidth()
                / kernels.raster().width();
        double off = HeatmapRenderer.GUTTER * kernels.imageView().getFitWidth() / kernels.raster().width();
        Point2D p = kernels.imageView().localToScreen(off + 2.5 * cellW, off + 0.5 * cellW);
        robot.moveTo(p);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(panel.hoverText()).startsWith("filter 0, input channel 2: ");
        snapshot(robot, SHOTS.resolve("heatmap-residual-filter-light.png"));
        robot.interact(() -> theme(Theme.DARK));
        WaitForAsyncUtils.waitForFxEvents();
        snapshot(robot, SHOTS.resolve("heatmap-residual-filter-dark.png"));
    }

    @Test
    void fineGrainedKernelPruningMarksExactlyTheZeroedKernels(FxRobot robot) throws Exception {
        PrunableLayer l = conv16();
        PruningPlan plan = ws.emptyPlan().withLayer(l.name(),
                new LayerSetting(Granularity.KERNEL, Criterion.L2, 0.4, false, 2, 4));
        PruneDecision d = ws.decide(plan);
        BitSet zeros = d.fineZeros().get(l.name());
        assertThat(zeros).isNotNull();
        showAndWait(robot, l.name(), d);
        HeatmapPanel.MapView kernels = panel.maps().get(0);
        int marked = 0;
        for (int o = 0; o < 16; o++) {
            for (int c = 0; c < 16; c++) {
                int base = (o * 16 + c) * 9;
                boolean allZero = zeros.nextClearBit(base) >= base + 9;
                assertThat(kernels.matrix().marked(o, c)).as("kernel %d,%d", o, c).isEqualTo(allZero);
                marked += allZero ? 1 : 0;
            }
        }
        assertThat(marked).isEqualTo(zeros.cardinality() / 9).isPositive();
        assertThat(panel.data().prunedRows().isEmpty()).isTrue(); // no filter is gone entirely at 40 %
        snapshot(robot, SHOTS.resolve("heatmap-residual-kernel.png"));
    }

    @Test
    void denseLayerShowsNeuronScoresAndAMagnitudeMapAndTheLatestRequestWins(FxRobot robot) throws Exception {
        PrunableLayer fc = ws.analysis().prunableLayers().stream().filter(l -> l.weight().rank() == 2)
                .findFirst().orElseThrow();
        PrunableLayer conv = conv16();
        robot.interact(() -> {
            panel.show(ws, conv.name(), null);
            panel.show(ws, fc.name(), null);
        });
        showAndWait(robot, fc.name(), null);
        Thread.sleep(200);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(panel.data().layer()).isEqualTo(fc.name());
        assertThat(panel.data().dense()).isTrue();
        assertThat(panel.maps()).hasSize(1);
        HeatmapPanel.MapView m = panel.maps().get(0);
        assertThat(m.rows()).isEqualTo((int) fc.outputUnits());
        assertThat(m.cols()).isEqualTo((int) fc.inputUnits());
        assertThat(panel.data().scores().get(0).values()).hasSize((int) fc.outputUnits());
        snapshot(robot, SHOTS.resolve("heatmap-residual-gemm.png"));
        robot.interact(() -> panel.show(ws, null, null));
        assertThat(panel.data()).isNull();
        assertThat(panel.maps()).isEmpty();
    }
}
