package io.prunescope.ui.heatmap;

import io.prunescope.analysis.PrunableLayer;
import io.prunescope.model.InputBindings;
import io.prunescope.prune.LayerSetting;
import io.prunescope.prune.PruneDecision;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;
import io.prunescope.ui.Theme;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The heatmaps' images are filled on the heatmap worker and the maps are installed one per pulse
 * (src/docs/time-to-interactive.md): the images must be the ones the FX thread would have made, pixel for pixel,
 * and the panel must end up with the same maps and bars.
 */
@ExtendWith(ApplicationExtension.class)
class HeatmapImagesOffThreadTest {

    private static Workspace ws;
    private HeatmapPanel panel;

    @BeforeAll
    static void open() throws Exception {
        ws = Workspace.open(HeatmapPanelTest.RESIDUAL, InputBindings.none(), CancellationToken.NEVER, Progress.NONE);
    }

    @Start
    void start(Stage stage) {
        panel = new HeatmapPanel();
        Scene scene = new Scene(panel, 480, 780);
        scene.getStylesheets().setAll(Theme.baseStylesheet(), Theme.LIGHT.stylesheet());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
    }

    private static PrunableLayer conv16() {
        return HeatmapPanelTest.conv16(ws);
    }

    /** Half of the conv's filters pruned by L1, so maps and bars have dimmed and hatched cells. */
    private static PruneDecision halfPruned(PrunableLayer l) {
        return ws.decide(ws.emptyPlan().withLayer(l.name(),
                new LayerSetting(Granularity.FILTER, Criterion.L1, 0.5, false, 2, 4)));
    }

    private static int[] pixels(Image image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] out = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), out, 0, w);
        return out;
    }

    @Test
    void imagesFilledOnTheWorkerEqualThoseFilledOnTheFxThreadPixelForPixel(FxRobot robot) throws Exception {
        PrunableLayer l = conv16();
        PruneDecision d = halfPruned(l);
        // the worker's part, on a thread that is not the FX thread
        AtomicReference<RenderedHeatmaps> off = new AtomicReference<>();
        Thread worker = new Thread(() -> off.set(RenderedHeatmaps.compute(ws, l.name(), d, HeatmapPanel.MAP_WIDTH,
                HeatmapPanel.MAP_HEIGHT, HeatmapPanel.BAR_WIDTH, HeatmapPanel.BAR_HEIGHT, new CancellationToken())));
        worker.start();
        worker.join(30_000);
        RenderedHeatmaps r = off.get();
        assertThat(r.images()).hasSize(2);
        // the same rasters made into images on the FX thread
        List<WritableImage> onFx = new ArrayList<>();
        robot.interact(() -> r.rasters().forEach(raster -> onFx.add(HeatmapBlocks.image(raster))));
        for (int i = 0; i < r.images().size(); i++) {
            HeatmapRenderer.Raster raster = r.rasters().get(i);
            int[] worker1 = pixels(r.images().get(i));
            assertThat(worker1).hasSize(raster.width() * raster.height());
            assertThat(worker1).isEqualTo(pixels(onFx.get(i)));
            // and both are the raster: its pixels are opaque or wholly transparent, so premultiplying loses nothing
            assertThat(worker1).isEqualTo(raster.argb());
        }
        // the bars drawn on the worker (filter order) equal bars drawn directly from the scores
        assertThat(r.bars()).hasSize(4);
        for (HeatmapData.ScoreRow s : r.data().scores()) {
            RenderedHeatmaps.Bars b = r.bars().get(s);
            HeatmapRenderer.Raster direct = HeatmapRenderer.bars(s.values(),
                    HeatmapRenderer.filterOrder(s.values().length), r.data().prunedRows(), s.min(), s.max(),
                    HeatmapPanel.BAR_WIDTH, HeatmapPanel.BAR_HEIGHT);
            assertThat(b.raster().argb()).isEqualTo(direct.argb());
            assertThat(pixels(b.image())).isEqualTo(direct.argb());
        }
    }

    @Test
    void thePanelShowsTheWorkersImagesAndRedrawsTheSameBarsOnTheFxThread(FxRobot robot) throws Exception {
        PrunableLayer l = conv16();
        robot.interact(() -> panel.show(ws, l.name(), halfPruned(l)));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !panel.busyProperty().get() && panel.data() != null
                && panel.data().layer().equals(l.name()));
        WaitForAsyncUtils.waitForFxEvents();
        // busy ends only once every map is in: both maps, each image its raster
        assertThat(panel.maps()).hasSize(2);
        for (HeatmapPanel.MapView m : panel.maps()) {
            assertThat(pixels(m.imageView().getImage())).isEqualTo(m.raster().argb());
        }
        List<int[]> prepared = panel.bars().stream().map(b -> b.raster().argb().clone()).toList();
        assertThat(prepared).hasSize(4);
        // sorting and back draws the bars on the FX thread again: the same pixels as the worker's
        robot.interact(() -> panel.setSorted(true));
        robot.interact(() -> panel.setSorted(false));
        for (int i = 0; i < prepared.size(); i++) {
            HeatmapPanel.BarView b = panel.bars().get(i);
            assertThat(b.raster().argb()).isEqualTo(prepared.get(i));
            assertThat(b.order()).containsExactly(HeatmapRenderer.filterOrder(16));
        }
    }
}
