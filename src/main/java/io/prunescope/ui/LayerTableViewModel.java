package io.prunescope.ui;

import io.prunescope.analysis.ModelAnalysis;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** Rows of the layer table, narrowed by the filter text (matching name or op, case-insensitive). */
public final class LayerTableViewModel {

    private final ObservableList<LayerRow> rows = FXCollections.observableArrayList();
    private final FilteredList<LayerRow> filtered = new FilteredList<>(rows, r -> true);
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ObjectProperty<LayerRow> selected = new SimpleObjectProperty<>(this, "selected");

    public LayerTableViewModel(MainViewModel document) {
        filter.addListener((obs, old, now) -> filtered.setPredicate(matcher(now)));
        document.analysisProperty().addListener((obs, old, now) -> setAnalysis(now));
        setAnalysis(document.getAnalysis());
        // Selection flows both ways between the table and the document, by node.
        selected.addListener((obs, old, now) -> {
            if (now != null) {
                document.selectedNodeProperty().set(now.node());
            }
        });
        document.selectedNodeProperty().addListener((obs, old, now) -> selected.set(
                now == null ? null : rows.stream().filter(r -> r.node().index() == now.index()).findFirst()
                        .orElse(null)));
    }

    private void setAnalysis(ModelAnalysis analysis) {
        selected.set(null);
        rows.setAll(analysis == null ? List.of() : LayerRow.from(analysis));
    }

    static Predicate<LayerRow> matcher(String text) {
        String q = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return r -> true;
        }
        return r -> r.name().toLowerCase(Locale.ROOT).contains(q) || r.op().toLowerCase(Locale.ROOT).contains(q);
    }

    /** All rows, unfiltered. */
    public ObservableList<LayerRow> allRows() {
        return FXCollections.unmodifiableObservableList(rows);
    }

    /** The rows the filter lets through (the table wraps them in a sorted list). */
    public FilteredList<LayerRow> visibleRows() {
        return filtered;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObjectProperty<LayerRow> selectedProperty() {
        return selected;
    }
}
