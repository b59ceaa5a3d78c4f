package io.prunescope.ui.measure;

import io.prunescope.measure.BudgetSearch;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.Locale;
import java.util.function.Function;

/** The Budget tab's table: one row per measured proposal, so prediction and measurement sit side by side. */
final class BudgetRoundsTable {

    private BudgetRoundsTable() {
    }

    static void configure(TableView<BudgetSearch.Round> table, ObservableList<BudgetSearch.Round> rounds) {
        table.setItems(rounds);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.getColumns().setAll(java.util.List.of(
                column("round", r -> Integer.toString(r.round())),
                column("FLOPs", r -> percent(r.proposal().flopsReduction())),
                column("params", r -> percent(r.proposal().paramReduction())),
                column("predicted", r -> f4(r.proposal().predictedMetric())),
                column("measured (pruned)", r -> f4(r.measured())),
                column("recovered", r -> r.recovered() == null ? "—" : f4(r.recovered())),
                column("target", r -> r.proposal().targetMet() ? "met" : "NOT met")));
    }

    private static TableColumn<BudgetSearch.Round, String> column(String title,
                                                                  Function<BudgetSearch.Round, String> value) {
        TableColumn<BudgetSearch.Round, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setSortable(false);
        return c;
    }

    private static String percent(double reduction) {
        return String.format(Locale.ROOT, "−%.1f %%", 100 * reduction);
    }

    private static String f4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
