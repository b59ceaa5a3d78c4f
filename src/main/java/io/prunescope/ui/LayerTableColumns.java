package io.prunescope.ui;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The one place that builds the layer table's columns. A new column is one more entry in {@link #build}: a text
 * column ({@link #text}), a count ({@link #count}) or any {@code TreeTableColumn<LayerRow, ?>} with its own
 * cell factory. Values come from the {@link LayerRow} or from the view model (plan-dependent columns). A
 * plan-dependent value is a binding on {@link LayerTableViewModel#refreshNeeded()}: when the plan or the preview
 * changes, the cells on screen update their text. (Before, {@code TreeTableView.refresh()} threw every cell away and
 * created and styled them anew: 250–300 cells, part of the stalls when a model opened and when its preview arrived;
 * src/docs/time-to-interactive.md.)
 */
final class LayerTableColumns {

    private LayerTableColumns() {
    }

    static List<TreeTableColumn<LayerRow, ?>> build(LayerTableViewModel vm) {
        TreeTableColumn<LayerRow, String> name = text("Name", LayerRow::name, 190, "name-cell");
        name.setId("nameColumn");
        TreeTableColumn<LayerRow, Number> share = new TreeTableColumn<>("% MACs");
        share.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().getValue().share()));
        share.setCellFactory(c -> new ShareCell<>());
        share.setComparator(Comparator.comparingDouble(Number::doubleValue));
        share.setPrefWidth(112);
        TreeTableColumn<LayerRow, String> ratio = text("Ratio", vm::ratio, 64, "mono-cell");
        live(ratio, vm::ratio, vm.refreshNeeded());
        ratio.setId("ratioColumn");
        TreeTableColumn<LayerRow, String> gran = text("Granularity", vm::granularity, 84, "granularity-cell");
        live(gran, vm::granularity, vm.refreshNeeded());
        gran.setId("granularityColumn");
        TreeTableColumn<LayerRow, Number> after = count("MACs after", vm::macsAfter, 108);
        after.setCellValueFactory(c -> javafx.beans.binding.Bindings.createObjectBinding(
                () -> vm.macsAfter(c.getValue().getValue()), vm.refreshNeeded()));
        after.setId("macsAfterColumn");
        return List.of(name, text("Op", LayerRow::op, 76, "op-cell"),
                text("Output shape", LayerRow::outputShape, 104, "mono-cell"),
                count("Params", LayerRow::params, 80), count("MACs", LayerRow::macs, 108), share, ratio, gran, after);
    }

    /**
     * Makes a text column follow {@code changes}: each cell's value is a binding that is recomputed when
     * {@code changes} fires, and the cell showing it redraws its text (the binding listens weakly, so values of
     * cells that scrolled away are collected).
     */
    static void live(TreeTableColumn<LayerRow, String> col, Function<LayerRow, String> value,
                     javafx.beans.Observable changes) {
        col.setCellValueFactory(c -> javafx.beans.binding.Bindings.createStringBinding(
                () -> c.getValue().getValue() == null ? "" : value.apply(c.getValue().getValue()), changes));
    }

    /** A text column; long text is cut at its start ("…/cv1/conv/Conv"), where names say the least. */
    static TreeTableColumn<LayerRow, String> text(String title, Function<LayerRow, String> value, double width,
                                                  String styleClass) {
        TreeTableColumn<LayerRow, String> col = new TreeTableColumn<>(title);
        col.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue() == null ? ""
                : value.apply(c.getValue().getValue())));
        col.setCellFactory(c -> {
            TreeTableCell<LayerRow, String> cell = new TreeTableCell<>() {
                @Override
                protected void updateItem(String item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(empty ? null : item);
                    LayerRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                    pseudoClassStateChanged(MODULE, row != null && row.isModule());
                }
            };
            cell.setTextOverrun(OverrunStyle.LEADING_ELLIPSIS);
            cell.getStyleClass().add(styleClass);
            return cell;
        });
        col.setPrefWidth(width);
        return col;
    }

    static TreeTableColumn<LayerRow, Number> count(String title, ToLongFunction<LayerRow> value, double width) {
        TreeTableColumn<LayerRow, Number> col = new TreeTableColumn<>(title);
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.applyAsLong(c.getValue().getValue())));
        col.setCellFactory(c -> new CountCell<>());
        col.setComparator(Comparator.comparingLong(Number::longValue));
        col.setPrefWidth(width);
        return col;
    }

    /** Module rows are styled apart (bold name) through this pseudo-class. */
    static final javafx.css.PseudoClass MODULE = javafx.css.PseudoClass.getPseudoClass("module");
}
