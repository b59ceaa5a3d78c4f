package io.prunescope.ui.heatmap;

import io.prunescope.prune.PruneDecision;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;

import java.util.ArrayList;
import java.util.List;

/**
 * A layer's heatmaps ready to show: its {@link HeatmapData} and every map already rendered into an ARGB raster.
 * It is separate from {@link HeatmapPanel} because it is the panel's off-FX-thread work (scoring, norms,
 * rendering), which must touch no node; the panel only turns the rasters into images once it is back on the FX
 * thread.
 */
record RenderedHeatmaps(HeatmapData data, List<HeatmapRenderer.Raster> rasters) {

    /** Scores the layer and renders its maps at most {@code mapWidth × mapHeight}; polls {@code cancel}. */
    static RenderedHeatmaps compute(Workspace workspace, String layerName, PruneDecision decision, int mapWidth,
                                    int mapHeight, CancellationToken cancel) {
        HeatmapData d = HeatmapData.compute(workspace, layerName, decision, cancel);
        List<HeatmapRenderer.Raster> rasters = new ArrayList<>();
        for (HeatmapData.Matrix m : d.maps()) {
            cancel.throwIfCancelled();
            rasters.add(HeatmapRenderer.map(m, mapWidth, mapHeight));
        }
        return new RenderedHeatmaps(d, rasters);
    }
}
