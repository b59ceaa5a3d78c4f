package io.prunescope.ui;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.Comparator;
import java.util.function.Function;

/** The left panel: a search field above a sortable table of every node with its shape and costs. */
public final class LayerTableView extends VBox {

    private final TableView<LayerRow> table = new TableView<>();
    private final TextField search = new TextField();
    private boolean syncing;

    public LayerTableView(LayerTableViewModel vm) {
        getStyleClass().addAll("panel", "layer-panel");
        Label title = new Label("Layers");
        title.getStyleClass().add("panel-title");
        search.setId("layerFilter");
        search.setPromptText("Filter by name or op");
        search.getStyleClass().add("search-field");
        search.textProperty().bindBidirectional(vm.filterProperty());

        table.setId("layerTable");
        table.setPlaceholder(new Label("No model open"));
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.getColumns().add(textColumn("Name", LayerRow::name, 104, "name-cell"));
        table.getColumns().add(textColumn("Op", LayerRow::op, 76, "op-cell"));
        table.getColumns().add(textColumn("Output shape", LayerRow::outputShape, 104, "mono-cell"));
        table.getColumns().add(numberColumn("Params", LayerRow::params, 80));
        table.getColumns().add(numberColumn("MACs", LayerRow::macs, 108));
        TableColumn<LayerRow, Number> share = new TableColumn<>("% MACs");
        share.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().share()));
        share.setCellFactory(c -> new ShareCell<>());
        share.setComparator(Comparator.comparingDouble(Number::doubleValue));
        share.setPrefWidth(112);
        table.getColumns().add(share);
        TableColumn<LayerRow, String> ratio = textColumn("Ratio", vm::ratio, 64, "mono-cell");
        ratio.setId("ratioColumn");
        TableColumn<LayerRow, String> gran = textColumn("Granularity", vm::granularity, 84, "granularity-cell");
        gran.setId("granularityColumn");
        TableColumn<LayerRow, Number> after = numberColumn("MACs after", vm::macsAfter, 108);
        after.setId("macsAfterColumn");
        table.getColumns().addAll(ratio, gran, after);
        table.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        table.getSelectionModel().getSelectedItems().addListener(
                (javafx.collections.ListChangeListener<LayerRow>) c -> {
                    if (!syncing) {
                        vm.setSelectedLayers(table.getSelectionModel().getSelectedItems().stream()
                                .filter(LayerRow::prunable).map(LayerRow::name).toList());
                    }
                });
        vm.refreshNeeded().addListener((obs, old, now) -> table.refresh());

        SortedList<LayerRow> sorted = new SortedList<>(vm.visibleRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        VBox.setVgrow(table, Priority.ALWAYS);

        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (!syncing && now != null) {
                vm.selectedProperty().set(now);
            }
        });
        vm.selectedProperty().addListener((obs, old, now) -> select(now));
        getChildren().addAll(title, search, table);
    }

    private void select(LayerRow row) {
        if (row == table.getSelectionModel().getSelectedItem()) {
            return;
        }
        syncing = true;
        try {
            if (row == null) {
                table.getSelectionModel().clearSelection();
            } else {
                table.getSelectionModel().select(row);
                int i = table.getSelectionModel().getSelectedIndex();
                if (i >= 0) {
                    table.scrollTo(Math.max(0, i - 3));
                }
            }
        } finally {
            syncing = false;
        }
    }

    public TableView<LayerRow> table() {
        return table;
    }

    private static TableColumn<LayerRow, String> textColumn(String title, Function<LayerRow, String> value,
                                                            double width, String styleClass) {
        TableColumn<LayerRow, String> col = new TableColumn<>(title);
        col.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        col.setCellFactory(c -> {
            TableCell<LayerRow, String> cell = new TableCell<>() {
                @Override
                protected void updateItem(String item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(empty ? null : item);
                }
            };
            cell.getStyleClass().add(styleClass);
            return cell;
        });
        col.setPrefWidth(width);
        return col;
    }

    private static TableColumn<LayerRow, Number> numberColumn(String title, Function<LayerRow, Long> value,
                                                             double width) {
        TableColumn<LayerRow, Number> col = new TableColumn<>(title);
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        col.setCellFactory(c -> new CountCell<>());
        col.setComparator(Comparator.comparingLong(Number::longValue));
        col.setPrefWidth(width);
        return col;
    }
}
