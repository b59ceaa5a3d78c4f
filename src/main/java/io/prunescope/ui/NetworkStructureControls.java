package io.prunescope.ui;

import io.prunescope.graphview.GraphFold;
import io.prunescope.graphview.ViewStructure;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/**
 * The network toolbar's structure controls: collapse all modules, expand all, collapse the module around the
 * selection, "Show everything" (constants, shape arithmetic, Identity and no-op Casts drawn as the file has them),
 * and a short line saying how much is folded.
 */
final class NetworkStructureControls {

    private final HBox box;

    NetworkStructureControls(NetworkViewModel vm, Runnable collapseAllAndFit) {
        Button collapseAll = new Button("Collapse all");
        collapseAll.setId("collapseAll");
        collapseAll.setTooltip(new Tooltip("One box per top-level module (double-click a box to open it)"));
        collapseAll.setOnAction(e -> collapseAllAndFit.run());
        Button expandAll = new Button("Expand all");
        expandAll.setId("expandAll");
        expandAll.setOnAction(e -> vm.expandAll());
        Button collapse = new Button("Collapse");
        collapse.setId("collapseModule");
        collapse.setTooltip(new Tooltip("Collapse the module around the selected layer"));
        collapse.setOnAction(e -> vm.collapseAround(vm.selectedNodeProperty().get()));
        collapse.disableProperty().bind(vm.selectedNodeProperty().isNull());
        ToggleButton everything = new ToggleButton("Show everything");
        everything.setId("showEverything");
        everything.setTooltip(new Tooltip("Draw constants, shape arithmetic, Identity and no-op Casts as well"));
        everything.setSelected(vm.optionsProperty().get().showEverything());
        everything.selectedProperty().addListener((obs, old, now) -> vm.setShowEverything(now));
        vm.optionsProperty().addListener((obs, old, now) -> everything.setSelected(now.showEverything()));
        Label folded = new Label();
        folded.setId("foldSummary");
        folded.getStyleClass().add("network-fold-summary");
        vm.structureProperty().addListener((obs, old, now) -> folded.setText(summary(now)));
        folded.setText(summary(vm.structureProperty().get()));
        for (javafx.scene.control.ButtonBase b : java.util.List.of(collapseAll, expandAll, collapse, everything)) {
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        folded.setMinWidth(0);
        box = new HBox(4, collapseAll, expandAll, collapse, everything, folded);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("network-structure-controls");
    }

    static String summary(ViewStructure s) {
        if (s == null) {
            return "";
        }
        GraphFold f = s.fold();
        int total = s.analysis().model().graph().nodes().size();
        return String.format("%d of %d nodes folded (%d constants, %d shape ops)", f.foldedCount(), total,
                f.count(GraphFold.Reason.CONSTANT), f.count(GraphFold.Reason.SHAPE));
    }

    HBox node() {
        return box;
    }
}
