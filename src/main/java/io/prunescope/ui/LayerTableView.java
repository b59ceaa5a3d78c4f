package io.prunescope.ui;

import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The left panel: a search field and "Prunable layers only" above a tree table of the network by module (node rows
 * with their shape and costs, module rows with their totals). Columns are built in {@link LayerTableColumns}.
 */
public final class LayerTableView extends VBox {

    private final TreeTableView<LayerRow> table = new TreeTableView<>();
    private final TextField search = new TextField();
    private final CheckBox prunableOnly = new CheckBox("Prunable layers only");
    private final LayerTableViewModel vm;
    private final Map<Integer, TreeItem<LayerRow>> itemOfNode = new HashMap<>();
    private boolean syncing;
    /** Rows added to the table per pulse while a tree is shown (see {@link #install}). */
    static final int ROWS_PER_PULSE = 8;
    /** After this many rows (more than a tall screen shows) the rest is added at once. */
    static final int ROWS_AT_ONCE_AFTER = 48;
    /** Counts trees shown, so that an unfinished fill of an older one stops. */
    private long fills;
    private final javafx.beans.property.ReadOnlyBooleanWrapper filling =
            new javafx.beans.property.ReadOnlyBooleanWrapper(this, "filling");
    /** True while rows are still being added (the columns wait for them). */
    private boolean rowsFilling;
    /** The columns right of the viewport, hidden for the first frame of a freshly filled table. */
    private final ColumnsInView columnsInView = new ColumnsInView(table);

    public LayerTableView(LayerTableViewModel vm) {
        this.vm = vm;
        getStyleClass().addAll("panel", "layer-panel");
        Label title = new Label("Layers");
        title.getStyleClass().add("panel-title");
        search.setId("layerFilter");
        search.setPromptText("Filter by name or op");
        search.getStyleClass().add("search-field");
        search.textProperty().bindBidirectional(vm.filterProperty());
        HBox.setHgrow(search, Priority.ALWAYS);
        prunableOnly.setId("prunableOnly");
        prunableOnly.selectedProperty().bindBidirectional(vm.prunableOnlyProperty());
        prunableOnly.setMinWidth(CheckBox.USE_PREF_SIZE);
        HBox filters = new HBox(8, search, prunableOnly);
        filters.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        table.setId("layerTable");
        table.setPlaceholder(new Label("No model open"));
        table.setShowRoot(false);
        // every row is one line, 24 px as in base.css: with a fixed size the virtual flow need not create and
        // measure cells to size rows (part of the first layout after a model opens; time-to-interactive.md)
        table.setFixedCellSize(24);
        table.setColumnResizePolicy(TreeTableView.UNCONSTRAINED_RESIZE_POLICY);
        table.getColumns().addAll(LayerTableColumns.build(vm));
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.getSelectionModel().getSelectedItems().addListener(
                (javafx.collections.ListChangeListener<TreeItem<LayerRow>>) c -> {
                    if (!syncing) {
                        vm.setSelectedLayers(table.getSelectionModel().getSelectedItems().stream()
                                .filter(i -> i != null && i.getValue() != null && i.getValue().prunable())
                                .map(i -> i.getValue().name()).toList());
                    }
                });
        // plan-dependent columns follow vm.refreshNeeded() through their cells' values (LayerTableColumns.live)
        vm.treeProperty().addListener((obs, old, now) -> install(now));
        install(vm.treeProperty().get());
        VBox.setVgrow(table, Priority.ALWAYS);

        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (!syncing && now != null && now.getValue() != null && !now.getValue().isModule()) {
                vm.selectedProperty().set(now.getValue());
            }
        });
        vm.selectedProperty().addListener((obs, old, now) -> select(now));
        getChildren().addAll(title, filters, table);
    }

    /**
     * Shows a tree: its first top-level branches now, the rest over the next pulses, {@link #ROWS_PER_PULSE} rows
     * at a time, until a screenful is in, then the rest at once. Adding the ~30 rows of a full panel in one pulse
     * (each row's cells updated and restyled) was the longest FX-thread stall left after a model opened
     * (src/docs/time-to-interactive.md). The rows themselves and their cells are made in the first frame, for the
     * whole viewport: into an empty table, with the columns in view only ({@link ColumnsInView}). The final tree is
     * the same; a newer tree stops an unfinished fill.
     */
    private void install(LayerTree tree) {
        itemOfNode.clear();
        List<TreeItem<LayerRow>> all = items(tree.children());
        TreeItem<LayerRow> root = new TreeItem<>();
        root.setExpanded(true);
        int first = chunkEnd(all, 0);
        long fill = ++fills;
        // an empty table has no rows yet: their cells are made for the columns in view first, the others' once
        // the rows are in (the hidden columns lie right of the viewport; rows missing below the first are seen)
        if (!all.isEmpty() && table.getExpandedItemCount() == 0 && !columnsInView.isHiding()) {
            columnsInView.hideOutOfView();
        }
        syncing = true;
        try {
            root.getChildren().setAll(all.subList(0, first));
            table.setRoot(root);
        } finally {
            syncing = false;
        }
        select(vm.selectedProperty().get());
        fillLater(root, all, first, fill);
    }

    private void fillLater(TreeItem<LayerRow> root, List<TreeItem<LayerRow>> all, int from, long fill) {
        rowsFilling = from < all.size();
        filling.set(rowsFilling || columnsInView.isHiding());
        if (from >= all.size()) {
            // one kind of step per pulse: the columns come back after the rows
            columnsInView.showOnePerPulse(() -> rowsFilling, () -> filling.set(rowsFilling));
            return;
        }
        io.prunescope.ui.responsiveness.FrameGate.afterNextFrame(() -> {
            if (fill != fills) {
                return;
            }
            // rows below the panel create no cells: once a screenful is in, the rest goes in one step
            int to = table.getExpandedItemCount() >= ROWS_AT_ONCE_AFTER ? all.size() : chunkEnd(all, from);
            syncing = true;
            try {
                root.getChildren().addAll(all.subList(from, to));
            } finally {
                syncing = false;
            }
            // the selected row may have arrived only now
            select(vm.selectedProperty().get());
            fillLater(root, all, to, fill);
        });
    }

    /** The end of the next batch of top-level branches from {@code from}: about {@link #ROWS_PER_PULSE} rows. */
    private static int chunkEnd(List<TreeItem<LayerRow>> all, int from) {
        int rows = 0;
        int i = from;
        while (i < all.size() && (i == from || rows + shownRows(all.get(i)) <= ROWS_PER_PULSE)) {
            rows += shownRows(all.get(i));
            i++;
        }
        return i;
    }

    /** Rows a branch takes when expanded (every branch is). */
    private static int shownRows(TreeItem<LayerRow> item) {
        int n = 1;
        for (TreeItem<LayerRow> c : item.getChildren()) {
            n += shownRows(c);
        }
        return n;
    }

    /**
     * The items of a branch, children first and added to their parent in one step: adding them one by one fires a
     * change event per item, passed up the tree (3,000 of them for the 3,000-node model).
     */
    private List<TreeItem<LayerRow>> items(List<LayerTree> trees) {
        List<TreeItem<LayerRow>> out = new java.util.ArrayList<>(trees.size());
        for (LayerTree t : trees) {
            TreeItem<LayerRow> item = new TreeItem<>(t.row());
            item.setExpanded(true);
            if (!t.row().isModule()) {
                itemOfNode.put(t.row().node().index(), item);
            }
            if (!t.children().isEmpty()) {
                item.getChildren().setAll(items(t.children()));
            }
            out.add(item);
        }
        return out;
    }

    private void select(LayerRow row) {
        TreeItem<LayerRow> current = table.getSelectionModel().getSelectedItem();
        if (row != null && current != null && current.getValue() == row) {
            return;
        }
        syncing = true;
        try {
            TreeItem<LayerRow> item = row == null ? null : itemOfNode.get(row.node().index());
            if (item == null) {
                table.getSelectionModel().clearSelection();
                return;
            }
            for (TreeItem<LayerRow> p = item.getParent(); p != null; p = p.getParent()) {
                p.setExpanded(true);
            }
            table.getSelectionModel().clearSelection();
            table.getSelectionModel().select(item);
            int i = table.getRow(item);
            if (i >= 0) {
                table.scrollTo(Math.max(0, i - 3));
            }
        } finally {
            syncing = false;
        }
    }

    /**
     * True while the rows of the tree just shown are still being added, or columns shown again (a few pulses; see
     * {@link #install}, {@link ColumnsInView}).
     */
    public javafx.beans.property.ReadOnlyBooleanProperty fillingProperty() {
        return filling.getReadOnlyProperty();
    }

    public TreeTableView<LayerRow> table() {
        return table;
    }

    /** The node rows the table holds now (after filters), in tree order; for tests. */
    public List<LayerRow> rows() {
        return vm.treeProperty().get().leaves();
    }
}
