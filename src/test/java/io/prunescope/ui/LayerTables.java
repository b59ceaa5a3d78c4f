package io.prunescope.ui;

import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import org.testfx.api.FxRobot;

import java.util.List;

/** Test helpers for the layer tree table. */
final class LayerTables {

    private LayerTables() {
    }

    @SuppressWarnings("unchecked")
    static TreeTableView<LayerRow> table(FxRobot robot) {
        return (TreeTableView<LayerRow>) robot.lookup("#layerTable").queryAs(TreeTableView.class);
    }

    /** The node rows the table holds (after its filters), in tree order. */
    static List<LayerRow> rows(FxRobot robot) {
        return robot.lookup(".layer-panel").queryAs(LayerTableView.class).rows();
    }

    /** Turns "Prunable layers only" off (it is on by default). */
    static void showAllNodes(FxRobot robot) {
        robot.interact(() -> robot.lookup("#prunableOnly").queryAs(javafx.scene.control.CheckBox.class)
                .setSelected(false));
    }

    /** Scrolls the node row of a layer into view. */
    static void scrollTo(FxRobot robot, String name) {
        TreeTableView<LayerRow> t = table(robot);
        robot.interact(() -> {
            TreeItem<LayerRow> item = find(t.getRoot(), name);
            int index = item == null ? 0 : t.getRow(item);
            t.scrollTo(Math.max(0, index - 2));
        });
    }

    static TreeItem<LayerRow> find(TreeItem<LayerRow> item, String name) {
        if (item.getValue() != null && !item.getValue().isModule() && item.getValue().name().equals(name)) {
            return item;
        }
        for (TreeItem<LayerRow> c : item.getChildren()) {
            TreeItem<LayerRow> hit = find(c, name);
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }
}
