package io.prunescope.ui.inspector;

import io.prunescope.analysis.PrunableLayer;
import io.prunescope.model.Node;
import io.prunescope.prune.LayerSetting;
import io.prunescope.prune.PruningPlan;
import io.prunescope.prune.criteria.CriteriaSupport;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.session.Workspace;
import io.prunescope.ui.MainViewModel;
import io.prunescope.ui.session.PlanEditor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The pruning controls of the inspector for the layers being edited: the selected layer, or every prunable layer
 * selected in the layer table. Shows the setting in force (the first target's) and turns each change into one plan
 * edit through the {@link PlanEditor}; a dragged slider is one undo step.
 */
public final class LayerControlsViewModel {

    /** Largest ratio the controls offer: pruning everything is never what anyone wants. */
    public static final double MAX_RATIO = 0.95;

    private final MainViewModel document;
    private final PlanEditor editor;
    private final List<String> targets = new ArrayList<>();
    private final ReadOnlyBooleanWrapper hasTargets = new ReadOnlyBooleanWrapper(this, "hasTargets");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper whyNot = new ReadOnlyStringWrapper(this, "whyNot", "");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");
    private final ObservableList<Granularity> granularities = FXCollections.observableArrayList();
    private final ObjectProperty<Granularity> granularity = new SimpleObjectProperty<>(this, "granularity");
    private final ObjectProperty<Criterion> criterion = new SimpleObjectProperty<>(this, "criterion");
    private final DoubleProperty ratio = new SimpleDoubleProperty(this, "ratio");
    private final BooleanProperty protect = new SimpleBooleanProperty(this, "protect");
    private final ReadOnlyStringWrapper n = new ReadOnlyStringWrapper(this, "n", "2");
    private final ReadOnlyStringWrapper m = new ReadOnlyStringWrapper(this, "m", "4");
    private boolean loading;
    private int dragId;

    public LayerControlsViewModel(MainViewModel document, PlanEditor editor) {
        this.document = document;
        this.editor = editor;
        document.selectedNodeProperty().addListener((obs, old, now) -> reload());
        document.selectedLayers().addListener((ListChangeListener<String>) c -> reload());
        document.planProperty().addListener((obs, old, now) -> reload());
        granularity.addListener((obs, old, now) -> {
            if (!loading && now != null) {
                Criterion c = criterion.get();
                boolean keep = c != null && (now == Granularity.LAYER || CriteriaSupport.isSupported(c, now));
                Criterion use = keep ? c : firstSupported(now);
                edit("granularity", s -> s.withGranularity(now).withCriterion(use), null);
            }
        });
        criterion.addListener((obs, old, now) -> {
            if (!loading && now != null) {
                edit("criterion", s -> s.withCriterion(now), null);
            }
        });
        protect.addListener((obs, old, now) -> {
            if (!loading) {
                edit(now ? "protect" : "unprotect", s -> s.withProtect(now), null);
            }
        });
        reload();
    }

    private static Criterion firstSupported(Granularity g) {
        return Arrays.stream(Criterion.values()).filter(c -> CriteriaSupport.isSupported(c, g)).findFirst()
                .orElse(Criterion.L1);
    }

    /** Which layers the controls edit: several selected in the table, else the selected node if prunable. */
    private List<PrunableLayer> findTargets(Workspace w) {
        List<PrunableLayer> out = new ArrayList<>();
        if (w == null) {
            return out;
        }
        if (document.selectedLayers().size() > 1) {
            for (String name : document.selectedLayers()) {
                w.engine().layer(name).ifPresent(out::add);
            }
            if (out.size() > 1) {
                return out;
            }
            out.clear();
        }
        Node node = document.selectedNodeProperty().get();
        if (node != null) {
            w.engine().layer(node.displayName()).filter(l -> l.node().index() == node.index()).ifPresent(out::add);
        }
        return out;
    }

    private void reload() {
        Workspace w = document.getWorkspace();
        PruningPlan plan = document.planProperty().get();
        List<PrunableLayer> layers = plan == null ? List.of() : findTargets(w);
        loading = true;
        try {
            targets.clear();
            layers.forEach(l -> targets.add(l.name()));
            hasTargets.set(!layers.isEmpty());
            if (layers.isEmpty()) {
                title.set("");
                whyNot.set("");
                granularities.clear();
                note.set("");
                return;
            }
            title.set(layers.size() == 1 ? layers.get(0).name() : layers.size() + " layers");
            List<Granularity> gs = applicable(w, layers);
            if (!granularities.equals(gs)) {
                granularities.setAll(gs);
            }
            LayerSetting s = plan.settingFor(layers.get(0).name());
            Granularity g = s.granularity();
            if (g == Granularity.FILTER && !gs.contains(g) && gs.contains(Granularity.NEURON)) {
                g = Granularity.NEURON;
            } else if (g == Granularity.NEURON && !gs.contains(g) && gs.contains(Granularity.FILTER)) {
                g = Granularity.FILTER;
            }
            granularity.set(g);
            criterion.set(s.criterion());
            ratio.set(s.ratio());
            protect.set(s.protect());
            n.set(Integer.toString(s.n()));
            m.set(Integer.toString(s.m()));
            whyNot.set(whyNot(w, layers, g));
            note.set(layers.size() > 1 ? "Edits apply to all " + layers.size() + " selected layers; the values shown"
                    + " are those of " + layers.get(0).name() + "." : "");
        } finally {
            loading = false;
        }
    }

    /** Granularities that have a unit layout on every target's weight (block pruning where a branch exists). */
    static List<Granularity> applicable(Workspace w, List<PrunableLayer> layers) {
        Set<Granularity> common = null;
        for (PrunableLayer l : layers) {
            int rank = l.weight().dims().length;
            Set<Granularity> mine = new LinkedHashSet<>();
            for (Granularity g : Granularity.values()) {
                if (g != Granularity.LAYER && (g.appliesToRank(rank) || g == Granularity.CHANNEL)) {
                    mine.add(g);
                }
            }
            if (w.engine().residualBlocks().stream().anyMatch(b -> b.branch().stream()
                    .anyMatch(x -> x.index() == l.node().index()))) {
                mine.add(Granularity.LAYER);
            }
            if (common == null) {
                common = mine;
            } else {
                boolean structured = (common.contains(Granularity.FILTER) || common.contains(Granularity.NEURON))
                        && (mine.contains(Granularity.FILTER) || mine.contains(Granularity.NEURON));
                common.retainAll(mine);
                if (structured && !common.contains(Granularity.NEURON)) {
                    common.add(Granularity.FILTER); // the engine treats filter and neuron as one on any layer
                }
            }
        }
        List<Granularity> out = new ArrayList<>();
        for (Granularity g : Granularity.values()) {
            if (common != null && common.contains(g)) {
                out.add(g);
            }
        }
        return out;
    }

    private static String whyNot(Workspace w, List<PrunableLayer> layers, Granularity g) {
        List<String> out = new ArrayList<>();
        for (PrunableLayer l : layers) {
            Optional<String> why = w.engine().whyFiltersNotPrunable(l.name());
            why.ifPresent(r -> out.add((layers.size() > 1 ? l.name() + ": " : "") + r));
        }
        if (out.isEmpty()) {
            return "";
        }
        String head = g != null && g.structured() && g != Granularity.CHANNEL
                ? "Filters cannot be removed: " : "Filter pruning is not possible here: ";
        return head + String.join("; ", out);
    }

    private void edit(String what, UnaryOperator<LayerSetting> change, String mergeKey) {
        if (targets.isEmpty()) {
            return;
        }
        List<String> names = List.copyOf(targets);
        String label = what + " of " + (names.size() == 1 ? names.get(0) : names.size() + " layers");
        editor.apply(p -> {
            PruningPlan out = p;
            for (String name : names) {
                out = out.withLayer(name, change.apply(out.settingFor(name)));
            }
            return out;
        }, label, mergeKey);
    }

    /**
     * The ratio was changed by the slider or the text field. While {@code dragging}, the edits of one drag merge
     * into a single undo step.
     */
    public void setRatio(double value, boolean dragging) {
        if (loading || targets.isEmpty()) {
            return;
        }
        double r = Math.max(0, Math.min(MAX_RATIO, value));
        edit("ratio", s -> s.withRatio(r), dragging ? "ratio-drag:" + dragId + ":" + targets : null);
    }

    /** A new slider drag begins: its edits become one new undo step. */
    public void dragStarted() {
        dragId++;
    }

    /** Parses a ratio as typed: "0.3", "30%", "30 %". Empty when it is not a number in [0, 0.95]. */
    public static Optional<Double> parseRatio(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().replace(',', '.');
        boolean percent = t.endsWith("%");
        if (percent) {
            t = t.substring(0, t.length() - 1).trim();
        }
        try {
            double v = Double.parseDouble(t);
            if (percent) {
                v /= 100;
            }
            return v >= 0 && v <= MAX_RATIO + 1e-12 && !Double.isNaN(v) ? Optional.of(Math.min(v, MAX_RATIO))
                    : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public static String formatRatio(double r) {
        return String.format(Locale.ROOT, "%.3f", r).replaceAll("0+$", "").replaceAll("\\.$", ".0");
    }

    /** N:M as typed; false (nothing changes) unless 1 ≤ N < M ≤ 64. */
    public boolean setNm(String nText, String mText) {
        try {
            int nn = Integer.parseInt(nText.trim());
            int mm = Integer.parseInt(mText.trim());
            if (nn < 1 || nn >= mm || mm > 64) {
                return false;
            }
            if (!loading) {
                edit("N:M", s -> s.withNm(nn, mm), null);
            }
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Whether a criterion can score the current granularity, with the reason (the combo box's tooltips). */
    public io.prunescope.prune.criteria.Support support(Criterion c) {
        Granularity g = granularity.get();
        return g == null ? io.prunescope.prune.criteria.Support.yes("") : CriteriaSupport.supports(c, g);
    }

    public List<String> targets() {
        return List.copyOf(targets);
    }

    public ReadOnlyBooleanProperty hasTargetsProperty() {
        return hasTargets.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty whyNotProperty() {
        return whyNot.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    public ObservableList<Granularity> granularities() {
        return granularities;
    }

    public ObjectProperty<Granularity> granularityProperty() {
        return granularity;
    }

    public ObjectProperty<Criterion> criterionProperty() {
        return criterion;
    }

    /** The ratio in force (read-only for views: edits go through {@link #setRatio}). */
    public DoubleProperty ratioProperty() {
        return ratio;
    }

    public BooleanProperty protectProperty() {
        return protect;
    }

    public ReadOnlyStringProperty nProperty() {
        return n.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty mProperty() {
        return m.getReadOnlyProperty();
    }
}
