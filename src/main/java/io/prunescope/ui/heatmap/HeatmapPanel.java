package io.prunescope.ui.heatmap;

import io.prunescope.prune.PruneDecision;
import io.prunescope.session.Workspace;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * Heatmaps of the selected layer (issue 4 item 3): per-filter scores by L1, L2, FPGM sum and distance to the
 * geometric median; filters × input channels kernel norms; filters × kernel positions stripe norms; pruned units
 * marked. CONTRACT ONLY — the drawing is being written; the inspector embeds this panel and calls {@link #show}.
 */
public class HeatmapPanel extends VBox {

    private final Label placeholder = new Label("Select a prunable layer to see its heatmaps");

    public HeatmapPanel() {
        getStyleClass().add("heatmap-panel");
        getChildren().add(placeholder);
    }

    /**
     * Shows the heatmaps of one layer. Called on the FX thread; heavy scoring must run off it.
     *
     * @param workspace the open model (scores via {@code workspace.engine().layerScores(...)})
     * @param layerName the prunable layer's display name, or null to clear
     * @param decision  the current decision, to mark the pruned units (may be null)
     */
    public void show(Workspace workspace, String layerName, PruneDecision decision) {
        placeholder.setText(layerName == null ? "Select a prunable layer to see its heatmaps" : layerName);
    }
}
