package io.prunescope.ui;

import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;

/**
 * Arranges the main window's panels in three split panes — layers | network above the analysis tabs, and the
 * inspector beside them at full height — and remembers their dividers in the preferences.
 */
final class MainLayout {

    /** Layers | network (keys new since the inspector spans the full height beside them and the tabs). */
    private static final String SPLIT_KEY = "panes";
    /** Layers and network over the tabs | inspector. */
    private static final String COLUMNS_KEY = "columns";
    /** New key since the bottom area became tabs with the heatmaps: an old, low divider would squash them. */
    private static final String VSPLIT_KEY = "verticalTabs";
    /** Default split between the panels and the tabs below: room for a heatmap without scrolling. */
    private static final double VSPLIT_DEFAULT = 0.54;
    private static final double SPLIT_DEFAULT = 0.58;
    private static final double COLUMNS_DEFAULT = 0.71;

    private final SplitPane split = new SplitPane();
    private final SplitPane vsplit = new SplitPane();
    private final SplitPane columns = new SplitPane();

    MainLayout(Node layers, Node network, Node tabs, Node inspector) {
        // The inspector spans the full height on the right, so the pruning controls stay in view next to the
        // heatmaps; layers | network sit above the tabs (Heatmaps · Per-layer costs · Score histogram).
        split.setId("panesSplit");
        split.getItems().addAll(layers, network);
        vsplit.setId("verticalSplit");
        vsplit.setOrientation(Orientation.VERTICAL);
        vsplit.getItems().addAll(split, tabs);
        split.setMinHeight(200);
        columns.setId("mainSplit");
        columns.getItems().addAll(vsplit, inspector);
        SplitPane.setResizableWithParent(inspector, false);
    }

    /** The outermost pane, the window's centre. */
    SplitPane node() {
        return columns;
    }

    /** Takes the focus so that no text field greets every start with its focus ring. */
    void takeFocus() {
        split.requestFocus();
    }

    /** Call once the window shows: divider positions only stick once the split panes have their real size. */
    void restoreDividers(WindowState state) {
        state.restoreDividers(COLUMNS_KEY, columns, COLUMNS_DEFAULT);
        state.restoreDividers(SPLIT_KEY, split, SPLIT_DEFAULT);
        state.restoreDividers(VSPLIT_KEY, vsplit, VSPLIT_DEFAULT);
    }

    /** Back to the default dividers (screenshots). */
    void resetDividers() {
        columns.setDividerPositions(COLUMNS_DEFAULT);
        split.setDividerPositions(SPLIT_DEFAULT);
        vsplit.setDividerPositions(VSPLIT_DEFAULT);
    }

    void saveDividers(WindowState state) {
        state.saveDividers(COLUMNS_KEY, columns);
        state.saveDividers(SPLIT_KEY, split);
        state.saveDividers(VSPLIT_KEY, vsplit);
    }
}
