package io.prunescope.ui.measure;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The columns of a metric | original | pruned | change table and how they write numbers (four decimals, real minus
 * signs, a drop coloured as a loss). Shared by the Detection tab and the plan results panel.
 */
public final class MetricTables {

    private MetricTables() {
    }

    public static void configure(TableColumn<MetricRow, String> metric, TableColumn<MetricRow, MetricRow> original,
                                 TableColumn<MetricRow, MetricRow> pruned, TableColumn<MetricRow, MetricRow> change) {
        metric.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().metric()));
        rowColumn(original, r -> r.count() ? count(r.original()) : fixed(r.original()));
        rowColumn(pruned, r -> r.count() ? count(r.pruned()) : fixed(r.pruned()));
        change.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        change.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(MetricRow r, boolean empty) {
                super.updateItem(r, empty);
                getStyleClass().removeAll("change-down", "change-up");
                if (empty || r == null) {
                    setText(null);
                    return;
                }
                double d = r.change();
                setText(r.count() ? signedCount(d) : signed4(d));
                if (!r.count() && Math.abs(d) >= 0.00005) {
                    boolean worse = r.lowerIsBetter() ? d > 0 : d < 0;
                    getStyleClass().add(worse ? "change-down" : "change-up");
                }
            }
        });
        for (TableColumn<MetricRow, ?> c : List.of(original, pruned, change)) {
            c.setStyle("-fx-alignment: CENTER-RIGHT;");
        }
    }

    private static void rowColumn(TableColumn<MetricRow, MetricRow> column, Function<MetricRow, String> text) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        column.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(MetricRow r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : text.apply(r));
            }
        });
    }

    static String fixed(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.4f", v);
    }

    static String count(double v) {
        return String.format(Locale.ROOT, "%,d", Math.round(v));
    }

    /** "+1,234", "−38,018", blank for no change. */
    static String signedCount(double v) {
        long n = Math.round(v);
        return n == 0 ? "" : (n < 0 ? "−" : "+") + String.format(Locale.ROOT, "%,d", Math.abs(n));
    }

    static String signed4(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        String s = String.format(Locale.ROOT, "%.4f", Math.abs(v));
        return s.equals("0.0000") ? "±0.0000" : (v < 0 ? "−" : "+") + s;
    }
}
