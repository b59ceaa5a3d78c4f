package io.prunescope.ui;

import io.prunescope.measure.SensitivityLookup;
import io.prunescope.prune.LayerSetting;
import io.prunescope.prune.PruningPlan;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.Tooltip;

import java.util.Comparator;
import java.util.Locale;
import java.util.function.Function;

/**
 * The layer table's sensitivity column: the metric the layer's group loses at the layer's ratio in the current plan,
 * read from its sensitivity curve ({@link SensitivityLookup}), in percentage points. Blank where no curve is known or
 * the layer is protected; sorts numerically, the blanks last when sorted most sensitive first. A separate class so it can be attached to any
 * table of layers: {@link #values} gives the number per layer name, {@link #create} a tree-table column for rows of any type
 * (module rows have no curve and stay blank).
 */
public final class SensitivityColumn {

    private SensitivityColumn() {
    }

    /** Loss in points at the layer's current ratio, or NaN. */
    public static double lossPoints(SensitivityLookup lookup, PruningPlan plan, String layer) {
        if (lookup == null || plan == null || layer == null) {
            return Double.NaN;
        }
        LayerSetting s = plan.settingFor(layer);
        if (s.protect()) {
            return Double.NaN;
        }
        return lookup.primary(layer, s.criterion().name()).map(c -> 100 * c.lossAt(s.ratio())).orElse(Double.NaN);
    }

    /** The value source: layer name → loss in points (NaN when unknown). */
    public static Function<String, Double> values(ObservableValue<SensitivityLookup> lookup,
                                                  ObservableValue<PruningPlan> plan) {
        return layer -> lossPoints(lookup.getValue(), plan.getValue(), layer);
    }

    /**
     * A column for a table of {@code R} rows: {@code name} gives a row's layer name. Its cells follow the curves and
     * the plan.
     */
    public static <R> TreeTableColumn<R, Number> create(ObservableValue<SensitivityLookup> lookup,
                                                    ObservableValue<PruningPlan> plan, Function<R, String> name) {
        Function<String, Double> values = values(lookup, plan);
        TreeTableColumn<R, Number> col = new TreeTableColumn<>("Loss (pt)");
        col.setId("sensitivityColumn");
        Tooltip tip = new Tooltip("Sensitivity: the metric the layer's channel group loses at this layer's ratio, in "
                + "percentage points, read from its measured sensitivity curve (Tools ▸ Measure… ▸ Sensitivity)");
        // a binding per cell: when the curves or the plan change, the cells on screen recompute their value
        // (refreshing the table instead would recreate every cell; src/docs/time-to-interactive.md)
        col.setCellValueFactory(c -> javafx.beans.binding.Bindings.createObjectBinding(() -> {
            R row = c.getValue().getValue();
            double v = row == null ? Double.NaN : values.apply(name.apply(row));
            return Double.isNaN(v) ? null : (Number) v; // blank: no curve
        }, lookup, plan));
        col.setCellFactory(c -> new TreeTableCell<>() {
            @Override
            protected void updateItem(Number v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : format(v.doubleValue()));
                setTooltip(empty ? null : tip);
            }
        });
        col.setStyle("-fx-alignment: CENTER-RIGHT;");
        // blanks first ascending, so descending ("most sensitive first", the useful order) puts them last
        col.setComparator(Comparator.nullsFirst(Comparator.comparingDouble(Number::doubleValue)));
        col.setPrefWidth(78);
        return col;
    }

    static String format(double points) {
        return Math.abs(points) < 0.005 ? "0.00" : String.format(Locale.ROOT, "%s%.2f", points > 0 ? "" : "+",
                points);
    }
}
