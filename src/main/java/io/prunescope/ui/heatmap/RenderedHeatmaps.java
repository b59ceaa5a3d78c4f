package io.prunescope.ui.heatmap;

import io.prunescope.prune.PruneDecision;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;
import javafx.scene.image.WritableImage;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layer's heatmaps ready to show: its {@link HeatmapData}, every map rendered into an ARGB raster <em>and</em>
 * into its image, and the score bars in filter order. It is separate from {@link HeatmapPanel} because it is the
 * panel's off-FX-thread work (scoring, norms, rendering, filling the images' pixels), which must touch no node:
 * images not yet in a scene may be written on any thread, so the FX thread only wraps them in views
 * (src/docs/time-to-interactive.md).
 */
record RenderedHeatmaps(HeatmapData data, List<HeatmapRenderer.Raster> rasters, List<WritableImage> images,
                        Map<HeatmapData.ScoreRow, Bars> bars) {

    /** One criterion's bars drawn in {@code order} at {@code height} pixels. */
    record Bars(int[] order, HeatmapRenderer.Raster raster, WritableImage image, int height) {

        /** Renders a row's bars (filter order or sorted) and fills their image; any thread. */
        static Bars render(HeatmapData.ScoreRow row, java.util.BitSet pruned, boolean sorted, int width, int height) {
            float[] v = row.values();
            int[] order = sorted ? HeatmapRenderer.sortedOrder(v) : HeatmapRenderer.filterOrder(v.length);
            HeatmapRenderer.Raster raster = HeatmapRenderer.bars(v, order, pruned, row.min(), row.max(), width,
                    height);
            return new Bars(order, raster, HeatmapBlocks.image(raster), height);
        }
    }

    /**
     * Scores the layer, renders its maps at most {@code mapWidth × mapHeight} and its bars (filter order,
     * {@code barWidth × barHeight}) and fills their images; polls {@code cancel}.
     */
    static RenderedHeatmaps compute(Workspace workspace, String layerName, PruneDecision decision, int mapWidth,
                                    int mapHeight, int barWidth, int barHeight, CancellationToken cancel) {
        HeatmapData d = HeatmapData.compute(workspace, layerName, decision, cancel);
        List<HeatmapRenderer.Raster> rasters = new ArrayList<>();
        List<WritableImage> images = new ArrayList<>();
        for (HeatmapData.Matrix m : d.maps()) {
            cancel.throwIfCancelled();
            HeatmapRenderer.Raster r = HeatmapRenderer.map(m, mapWidth, mapHeight);
            rasters.add(r);
            images.add(HeatmapBlocks.image(r));
        }
        Map<HeatmapData.ScoreRow, Bars> bars = new IdentityHashMap<>();
        for (HeatmapData.ScoreRow s : d.scores()) {
            if (s.values() != null) {
                bars.put(s, Bars.render(s, d.prunedRows(), false, barWidth, barHeight));
            }
        }
        return new RenderedHeatmaps(d, rasters, images, bars);
    }
}
