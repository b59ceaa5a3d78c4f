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

/**
 * Rows of the layer table, narrowed by the filter text (matching name or op, case-insensitive) and by "prunable
 * layers only" (on by default), and arranged as a tree by module once the network view's structure is known.
 */
public final class LayerTableViewModel {

    private final ObservableList<LayerRow> rows = FXCollections.observableArrayList();
    private final FilteredList<LayerRow> filtered = new FilteredList<>(rows, r -> true);
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ObjectProperty<LayerRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final javafx.beans.property.BooleanProperty prunableOnly =
            new javafx.beans.property.SimpleBooleanProperty(this, "prunableOnly", true);
    private final javafx.beans.property.ReadOnlyObjectWrapper<LayerTree> tree =
            new javafx.beans.property.ReadOnlyObjectWrapper<>(this, "tree", LayerTree.flat(List.of(), r -> true));
    private final javafx.beans.value.ObservableValue<io.prunescope.graphview.ViewStructure> structure;

    private final MainViewModel document;
    private java.util.Map<Integer, Long> macsByNode = java.util.Map.of();
    private final javafx.beans.property.SimpleObjectProperty<Object> refresh =
            new javafx.beans.property.SimpleObjectProperty<>(this, "refresh");
    private java.util.Map<Integer, io.prunescope.prune.NodePreview> previews = java.util.Map.of();

    public LayerTableViewModel(MainViewModel document) {
        this(document, new SimpleObjectProperty<>());
    }

    /** With the network view's structure (fold, module tree), which makes the table a tree by module. */
    public LayerTableViewModel(MainViewModel document,
                               javafx.beans.value.ObservableValue<io.prunescope.graphview.ViewStructure> structure) {
        this.document = document;
        this.structure = structure;
        structure.addListener(o -> rebuildTree());
        prunableOnly.addListener(o -> {
            filtered.setPredicate(matcher(filter.get()));
            rebuildTree();
        });
        document.previewProperty().addListener((obs, old, now) -> {
            java.util.Map<Integer, io.prunescope.prune.NodePreview> m = new java.util.HashMap<>();
            if (now != null) {
                now.nodes().forEach(np -> m.put(np.node().index(), np));
            }
            previews = m;
            refresh.set(new Object());
        });
        document.planProperty().addListener((obs, old, now) -> refresh.set(new Object()));
        filter.addListener((obs, old, now) -> {
            filtered.setPredicate(matcher(now));
            rebuildTree();
        });
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
        rows.setAll(analysis == null ? List.of() : OpenPreparation.rows(analysis));
        macsByNode = new java.util.HashMap<>();
        rows.forEach(r -> macsByNode.put(r.node().index(), r.macs()));
        filtered.setPredicate(matcher(filter.get()));
        rebuildTree();
    }

    private void rebuildTree() {
        io.prunescope.graphview.ViewStructure s = structure.getValue();
        Predicate<LayerRow> keep = matcher(filter.get());
        boolean sameModel = s != null && s.analysis() == document.getAnalysis();
        tree.set(sameModel ? LayerTree.of(s, rows, keep) : LayerTree.flat(rows, keep));
    }

    /** Name or op contains the filter text, and the row is prunable when "prunable layers only" is on. */
    Predicate<LayerRow> matcher(String text) {
        Predicate<LayerRow> text1 = textMatcher(text);
        return r -> (!prunableOnly.get() || r.prunable()) && text1.test(r);
    }

    static Predicate<LayerRow> textMatcher(String text) {
        String q = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return r -> true;
        }
        return r -> r.name().toLowerCase(Locale.ROOT).contains(q) || r.op().toLowerCase(Locale.ROOT).contains(q);
    }

    /** The rows as a tree by module (flat until the structure is known), filtered. */
    public javafx.beans.property.ReadOnlyObjectProperty<LayerTree> treeProperty() {
        return tree.getReadOnlyProperty();
    }

    /** "Prunable layers only": on by default, so the table lists what a person came to prune. */
    public javafx.beans.property.BooleanProperty prunableOnlyProperty() {
        return prunableOnly;
    }

    /** The ratio column: the layer's ratio under the current plan ("protected", blank for other nodes). */
    public String ratio(LayerRow row) {
        io.prunescope.prune.PruningPlan plan = document.planProperty().get();
        if (plan == null || !row.prunable()) {
            return "";
        }
        io.prunescope.prune.LayerSetting s = plan.settingFor(row.name());
        if (s.protect()) {
            return "protected";
        }
        if (s.granularity() == io.prunescope.prune.criteria.Granularity.N_M) {
            return s.n() + ":" + s.m();
        }
        return s.ratio() == 0 ? "0" : io.prunescope.ui.inspector.LayerControlsViewModel.formatRatio(s.ratio());
    }

    /** The granularity column, short ("filter", "n:m", ...). */
    public String granularity(LayerRow row) {
        io.prunescope.prune.PruningPlan plan = document.planProperty().get();
        if (plan == null || !row.prunable()) {
            return "";
        }
        io.prunescope.prune.LayerSetting s = plan.settingFor(row.name());
        return switch (s.granularity()) {
            case N_M -> "n:m";
            case FILTER -> row.node().opType().equals("Conv") ? "filter" : "neuron";
            default -> s.granularity().name().toLowerCase(Locale.ROOT);
        } + (plan.layers().containsKey(row.name()) ? "" : " *");
    }

    /** MACs of the node after the plan (its MACs before while no preview is there). */
    public long macsAfter(LayerRow row) {
        if (row.isModule()) {
            long sum = 0;
            for (int ix : row.module().allNodes()) {
                io.prunescope.prune.NodePreview p = previews.get(ix);
                sum += p != null ? p.macsAfter() : macsByNode.getOrDefault(ix, 0L);
            }
            return sum;
        }
        io.prunescope.prune.NodePreview p = previews.get(row.node().index());
        return p == null ? row.macs() : p.macsAfter();
    }

    /** The prunable layers selected in the table (the inspector edits them all when there are several). */
    public void setSelectedLayers(List<String> names) {
        if (!document.selectedLayers().equals(names)) {
            document.selectedLayers().setAll(names);
        }
    }

    /** Changes whenever plan-dependent columns must be redrawn. */
    public javafx.beans.value.ObservableValue<Object> refreshNeeded() {
        return refresh;
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
