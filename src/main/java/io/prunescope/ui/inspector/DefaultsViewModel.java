package io.prunescope.ui.inspector;

import io.prunescope.prune.LayerSetting;
import io.prunescope.prune.PruningPlan;
import io.prunescope.prune.criteria.CriteriaSupport;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.ui.MainViewModel;
import io.prunescope.ui.session.PlanEditor;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The plan's defaults (the setting of every layer without its own), the rounding of kept channel counts, and
 * "apply to all layers" (drops every per-layer setting). Each change is one undoable edit.
 */
public final class DefaultsViewModel {

    /** Granularities that make sense on every layer kind at once (filter acts as neuron on FC layers). */
    public static final List<Granularity> GRANULARITIES = List.of(Granularity.FILTER, Granularity.CHANNEL,
            Granularity.WEIGHT, Granularity.N_M);
    public static final List<Integer> ROUND_TO = List.of(1, 8, 16, 32);

    private final MainViewModel document;
    private final PlanEditor editor;
    private final ReadOnlyBooleanWrapper enabled = new ReadOnlyBooleanWrapper(this, "enabled");
    private final ObjectProperty<Granularity> granularity = new SimpleObjectProperty<>(this, "granularity");
    private final ObjectProperty<Criterion> criterion = new SimpleObjectProperty<>(this, "criterion");
    private final DoubleProperty ratio = new SimpleDoubleProperty(this, "ratio");
    private final ObjectProperty<Integer> roundTo = new SimpleObjectProperty<>(this, "roundTo", 1);
    private boolean loading;
    private int dragId;

    public DefaultsViewModel(MainViewModel document, PlanEditor editor) {
        this.document = document;
        this.editor = editor;
        document.planProperty().addListener((obs, old, now) -> reload(now));
        granularity.addListener((obs, old, now) -> {
            if (!loading && now != null) {
                Criterion c = criterion.get();
                Criterion use = c != null && CriteriaSupport.isSupported(c, now) ? c : Criterion.L1;
                edit("default granularity", s -> s.withGranularity(now).withCriterion(use), null);
            }
        });
        criterion.addListener((obs, old, now) -> {
            if (!loading && now != null) {
                edit("default criterion", s -> s.withCriterion(now), null);
            }
        });
        roundTo.addListener((obs, old, now) -> {
            if (!loading && now != null) {
                editor.apply(p -> p.withRoundTo(now), "round to " + now, null);
            }
        });
        reload(document.planProperty().get());
    }

    private void reload(PruningPlan plan) {
        loading = true;
        try {
            enabled.set(plan != null);
            if (plan == null) {
                return;
            }
            granularity.set(plan.defaults().granularity());
            criterion.set(plan.defaults().criterion());
            ratio.set(plan.defaults().ratio());
            roundTo.set(plan.roundTo());
        } finally {
            loading = false;
        }
    }

    private void edit(String label, UnaryOperator<LayerSetting> change, String mergeKey) {
        editor.apply(p -> p.withDefaults(change.apply(p.defaults())), label, mergeKey);
    }

    public void setRatio(double value, boolean dragging) {
        if (loading) {
            return;
        }
        double r = Math.max(0, Math.min(LayerControlsViewModel.MAX_RATIO, value));
        edit("default ratio", s -> s.withRatio(r), dragging ? "default-ratio-drag:" + dragId : null);
    }

    public void dragStarted() {
        dragId++;
    }

    /** Every layer takes the defaults: per-layer settings are dropped; protected layers stay protected. */
    public void applyToAll() {
        editor.apply(p -> {
            PruningPlan out = p.applyDefaultsToAll();
            for (var e : p.layers().entrySet()) {
                if (e.getValue().protect()) {
                    out = out.withLayer(e.getKey(), p.defaults().withProtect(true));
                }
            }
            return out;
        }, "apply defaults to all layers", null);
    }

    public ReadOnlyBooleanProperty enabledProperty() {
        return enabled.getReadOnlyProperty();
    }

    public ObjectProperty<Granularity> granularityProperty() {
        return granularity;
    }

    public ObjectProperty<Criterion> criterionProperty() {
        return criterion;
    }

    public DoubleProperty ratioProperty() {
        return ratio;
    }

    public ObjectProperty<Integer> roundToProperty() {
        return roundTo;
    }
}
