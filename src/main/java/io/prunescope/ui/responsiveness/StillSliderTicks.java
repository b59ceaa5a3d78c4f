package io.prunescope.ui.responsiveness;

import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.chart.Axis;
import javafx.scene.control.Slider;

/**
 * Tick marks that do not animate. JavaFX's slider skin draws its tick marks with a chart axis
 * ({@code javafx.scene.chart.NumberAxis}) left animated: every layout that moves the ticks (the inspector's ratio
 * sliders when a model opens and a layer is first selected) starts a tick animation that keeps the FX thread busy
 * for the next pulses. A slider's range never changes here, so the animation has nothing to show: the ticks end
 * where they would have ended (src/docs/time-to-interactive.md, fourth round).
 */
public final class StillSliderTicks {

    private StillSliderTicks() {
    }

    /** Turns the animation off on the slider's tick axis, now and whenever its skin makes a new one. */
    public static void apply(Slider slider) {
        slider.getChildrenUnmodifiable().addListener((ListChangeListener<Node>) c -> still(slider));
        still(slider);
    }

    private static void still(Slider slider) {
        for (Node n : slider.getChildrenUnmodifiable()) {
            if (n instanceof Axis<?> axis && axis.getAnimated()) {
                axis.setAnimated(false);
            }
        }
    }
}
