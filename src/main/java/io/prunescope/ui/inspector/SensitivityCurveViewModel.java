package io.prunescope.ui.inspector;

import io.prunescope.measure.SensitivityLookup;
import io.prunescope.model.Node;
import io.prunescope.prune.LayerSetting;
import io.prunescope.prune.PruningPlan;
import io.prunescope.ui.MainViewModel;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;

import java.util.List;
import java.util.Locale;

/**
 * The selected layer's sensitivity beside its ratio slider: every known curve of the layer's channel group (one per
 * criterion or data set measured) and the layer's ratio in the current plan, with the loss the first curve predicts
 * there. Empty (and the panel hidden) when nothing was measured for the group.
 */
public final class SensitivityCurveViewModel {

    private final MainViewModel document;
    private final ObservableValue<SensitivityLookup> lookup;
    private final ReadOnlyObjectWrapper<List<SensitivityLookup.LayerCurve>> curves = new ReadOnlyObjectWrapper<>(
            this, "curves", List.of());
    private final ReadOnlyDoubleWrapper ratio = new ReadOnlyDoubleWrapper(this, "ratio");
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(this, "available");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");

    public SensitivityCurveViewModel(MainViewModel document, ObservableValue<SensitivityLookup> lookup) {
        this.document = document;
        this.lookup = lookup;
        document.selectedNodeProperty().addListener((obs, old, now) -> refresh());
        document.planProperty().addListener((obs, old, now) -> refresh());
        lookup.addListener((obs, old, now) -> refresh());
        refresh();
    }

    private void refresh() {
        Node n = document.selectedNodeProperty().get();
        SensitivityLookup l = lookup.getValue();
        List<SensitivityLookup.LayerCurve> found = n == null || l == null ? List.of() : l.curves(n.displayName());
        PruningPlan plan = document.planProperty().get();
        LayerSetting s = plan == null || n == null ? null : plan.settingFor(n.displayName());
        double r = s == null || s.protect() ? 0 : s.ratio();
        ratio.set(r);
        curves.set(found);
        available.set(!found.isEmpty());
        if (found.isEmpty()) {
            summary.set("");
            return;
        }
        SensitivityLookup.LayerCurve first = found.get(0);
        summary.set(String.format(Locale.ROOT, "Channel group %d (%d channels), %s: at %.0f %% %s %.2f %% → %.2f %%"
                        + " (%s), measured on its own", first.group().groupId(), first.group().units(),
                first.result().criterion(), 100 * r,
                io.prunescope.ui.measure.PlanMeasureViewModel.metricLabel(first.result().metric()),
                100 * first.result().baseline(), 100 * first.valueAt(r), loss(first.lossAt(r))));
    }

    private static String loss(double loss) {
        return Math.abs(loss) < 5e-5 ? "no loss" : String.format(Locale.ROOT, "%s%.2f pt", loss > 0 ? "−" : "+",
                100 * Math.abs(loss));
    }

    /** The curves of the selected layer's group, newest analysis first. */
    public ReadOnlyObjectProperty<List<SensitivityLookup.LayerCurve>> curvesProperty() {
        return curves.getReadOnlyProperty();
    }

    /** The selected layer's ratio in the current plan (0 when protected). */
    public ReadOnlyDoubleProperty ratioProperty() {
        return ratio.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    /** "Channel group 3 (16 channels), L1: at 30 % top-1 accuracy 93.50 % → 91.20 % (−2.30 pt), measured on its own". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
