package io.prunescope.ui;

import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.event.EventHandler;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;

import java.util.List;

/**
 * Arranges the main window's panels in three split panes — layers | network above the analysis tabs, and the
 * inspector beside them at full height — and remembers their dividers in the preferences. The network gets the
 * most room by default (it is where a person works). Double-clicking a panel's title maximises the panel over the
 * whole window area; double-clicking it again (or Escape) puts it back. Which panel is maximised is remembered.
 */
final class MainLayout {

    /** Layers | network; new key since the network became the largest pane (issue 11). */
    private static final String SPLIT_KEY = "panes.networkFirst";
    /** Layers and network over the tabs | inspector. */
    private static final String COLUMNS_KEY = "columns";
    /** Panels over the tabs; new key with the larger network. */
    private static final String VSPLIT_KEY = "verticalTabs.networkFirst";
    private static final double VSPLIT_DEFAULT = 0.62;
    private static final double SPLIT_DEFAULT = 0.27;
    private static final double COLUMNS_DEFAULT = 0.74;
    private static final String MAXIMISED_KEY = "maximisedPane";

    private final SplitPane split = new SplitPane();
    private final SplitPane vsplit = new SplitPane();
    private final SplitPane columns = new SplitPane();
    private final StackPane root = new StackPane(columns);
    private final List<Node> panes;
    private Node maximised;
    private SplitPane maximisedFrom;
    private int maximisedAt;

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
        if (layers instanceof javafx.scene.layout.Region r) {
            r.setMinWidth(160); // the table's own minimum would hold the divider far right of its default
        }
        panes = List.of(layers, network, tabs, inspector);
        for (Node pane : panes) {
            Node title = pane.lookup(".panel-title");
            if (title != null) {
                title.setOnMouseClicked(e -> {
                    if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                        toggleMaximised(pane);
                    }
                });
            }
        }
        root.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE && maximised != null) {
                toggleMaximised(maximised);
            }
        });
    }

    /** The outermost pane, the window's centre. */
    StackPane node() {
        return root;
    }

    /** The panel maximised over the window, or null. */
    Node maximisedPane() {
        return maximised;
    }

    /** Maximises a panel over the whole area, or puts the maximised one back where it was. */
    void toggleMaximised(Node pane) {
        if (maximised != null) {
            root.getChildren().remove(maximised);
            maximisedFrom.getItems().add(Math.min(maximisedAt, maximisedFrom.getItems().size()), maximised);
            double[] dividers = savedDividers;
            if (dividers != null) {
                maximisedFrom.setDividerPositions(dividers);
            }
            columns.setVisible(true);
            boolean same = maximised == pane;
            maximised = null;
            if (same) {
                return;
            }
        }
        SplitPane from = owner(pane);
        if (from == null) {
            return;
        }
        savedDividers = from.getDividerPositions();
        maximisedFrom = from;
        maximisedAt = from.getItems().indexOf(pane);
        from.getItems().remove(pane);
        maximised = pane;
        columns.setVisible(false);
        root.getChildren().add(pane);
    }

    private double[] savedDividers;
    /** True from the restore until a person first presses the mouse (see {@link #restoreDividers}). */
    private boolean settling;
    private Runnable stopSettling = () -> { };

    private SplitPane owner(Node pane) {
        for (SplitPane s : List.of(split, vsplit, columns)) {
            if (s.getItems().contains(pane)) {
                return s;
            }
        }
        return null;
    }

    /** Takes the focus so that no text field greets every start with its focus ring. */
    void takeFocus() {
        split.requestFocus();
    }

    /**
     * Call once the window shows: divider positions only stick once the split panes have their real size. On X11 the
     * window can get its size after it is shown (seen under Xvfb: laid out at 1400 px, then 1600): the inspector keeps
     * its width when the window grows, so the remembered 0.74 became 0.39. Until a person first presses the mouse in
     * the window, each change of its size puts the remembered positions back.
     */
    void restoreDividers(WindowState state) {
        applyRemembered(state);
        settling = true;
        // after the layout pass that resized them: during it the split pane moves its dividers itself
        InvalidationListener again = o -> Platform.runLater(() -> {
            if (settling) {
                applyRemembered(state);
            }
        });
        columns.widthProperty().addListener(again);
        columns.heightProperty().addListener(again);
        stopSettling = () -> {
            settling = false;
            columns.widthProperty().removeListener(again);
            columns.heightProperty().removeListener(again);
        };
        root.addEventFilter(MouseEvent.MOUSE_PRESSED, new EventHandler<>() {
            @Override
            public void handle(MouseEvent e) {
                stopSettling.run();
                root.removeEventFilter(MouseEvent.MOUSE_PRESSED, this);
            }
        });
        int which = state.intValue(MAXIMISED_KEY, -1);
        if (which >= 0 && which < panes.size() && maximised == null) {
            toggleMaximised(panes.get(which));
        }
    }

    private void applyRemembered(WindowState state) {
        state.restoreDividers(COLUMNS_KEY, columns, COLUMNS_DEFAULT);
        state.restoreDividers(SPLIT_KEY, split, SPLIT_DEFAULT);
        state.restoreDividers(VSPLIT_KEY, vsplit, VSPLIT_DEFAULT);
    }

    /** Back to the default dividers (screenshots). */
    void resetDividers() {
        stopSettling.run();
        if (maximised != null) {
            toggleMaximised(maximised);
        }
        columns.setDividerPositions(COLUMNS_DEFAULT);
        split.setDividerPositions(SPLIT_DEFAULT);
        vsplit.setDividerPositions(VSPLIT_DEFAULT);
    }

    void saveDividers(WindowState state) {
        state.putInt(MAXIMISED_KEY, maximised == null ? -1 : panes.indexOf(maximised));
        if (maximised != null) {
            toggleMaximised(maximised);
        }
        state.saveDividers(COLUMNS_KEY, columns);
        state.saveDividers(SPLIT_KEY, split);
        state.saveDividers(VSPLIT_KEY, vsplit);
    }
}
