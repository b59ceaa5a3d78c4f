package io.prunescope.ui.network;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.paint.Color;

import java.util.function.Function;

/**
 * Colours the network's prunable layers by sensitivity when switched on (View ▸ Colour Network by Sensitivity): the
 * metric the layer's group loses at its current ratio, green at no loss through amber to red at {@link #FULL_RED}
 * points or more; layers without a curve keep their usual fill. The network view asks {@link #fill} per box and
 * redraws when {@link #versionProperty()} changes.
 */
public final class SensitivityShading {

    /** Loss (percentage points) drawn fully red. */
    public static final double FULL_RED = 10;

    private final BooleanProperty enabled = new SimpleBooleanProperty(this, "enabled");
    private final ReadOnlyIntegerWrapper version = new ReadOnlyIntegerWrapper(this, "version");
    private Function<String, Double> lossPoints = layer -> Double.NaN;

    public SensitivityShading() {
        enabled.addListener(o -> changed());
    }

    /**
     * Where the losses come from (layer name → points, NaN when unknown) and what changes them.
     */
    public void setSource(Function<String, Double> lossPoints, ObservableValue<?>... changes) {
        this.lossPoints = lossPoints;
        for (ObservableValue<?> c : changes) {
            c.addListener(o -> changed());
        }
        changed();
    }

    /** The fill of a layer's box, or null for its usual fill (off, not a layer, or no curve). */
    public Color fill(String layer) {
        if (!enabled.get() || layer == null) {
            return null;
        }
        Double v = lossPoints.apply(layer);
        if (v == null || v.isNaN()) {
            return null;
        }
        double t = Math.max(0, Math.min(1, v / FULL_RED));
        // green → amber → red, light enough for dark box text
        Color green = Color.rgb(187, 230, 190);
        Color amber = Color.rgb(255, 214, 140);
        Color red = Color.rgb(244, 150, 140);
        return t < 0.5 ? green.interpolate(amber, t * 2) : amber.interpolate(red, (t - 0.5) * 2);
    }

    private void changed() {
        version.set(version.get() + 1);
    }

    public BooleanProperty enabledProperty() {
        return enabled;
    }

    public ReadOnlyIntegerProperty versionProperty() {
        return version.getReadOnlyProperty();
    }
}
