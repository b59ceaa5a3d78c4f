package io.prunescope.ui.inspector;

import io.prunescope.ui.responsiveness.StillSliderTicks;
import javafx.beans.value.ObservableDoubleValue;
import javafx.css.PseudoClass;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;

import java.util.Optional;

/**
 * Keeps a ratio slider and its exact text field in sync with a ratio in force, and turns the person's changes into
 * commits: slider moves (merged while dragging), or a typed value applied with Enter or on leaving the field. A value
 * that is not a ratio in [0, 0.95] marks the field invalid and changes nothing.
 */
final class RatioControl {

    interface Commit {
        void ratio(double value, boolean dragging);
    }

    static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    private final Slider slider;
    private final TextField field;
    private boolean syncing;

    RatioControl(Slider slider, TextField field, ObservableDoubleValue source, Commit commit, Runnable dragStarted) {
        this.slider = slider;
        this.field = field;
        StillSliderTicks.apply(slider);
        source.addListener((obs, old, now) -> show(now.doubleValue()));
        show(source.get());
        slider.valueChangingProperty().addListener((obs, was, now) -> {
            if (now) {
                dragStarted.run();
            } else {
                commit.ratio(slider.getValue(), true);
            }
        });
        slider.valueProperty().addListener((obs, old, now) -> {
            if (!syncing) {
                syncing = true;
                try {
                    field.setText(LayerControlsViewModel.formatRatio(now.doubleValue()));
                    field.pseudoClassStateChanged(INVALID, false);
                } finally {
                    syncing = false;
                }
                commit.ratio(now.doubleValue(), slider.isValueChanging());
            }
        });
        field.textProperty().addListener((obs, old, now) -> {
            if (!syncing) {
                field.pseudoClassStateChanged(INVALID, LayerControlsViewModel.parseRatio(now).isEmpty());
            }
        });
        Runnable apply = () -> {
            Optional<Double> v = LayerControlsViewModel.parseRatio(field.getText());
            if (v.isPresent()) {
                commit.ratio(v.get(), false);
            }
            field.pseudoClassStateChanged(INVALID, v.isEmpty());
        };
        field.setOnAction(e -> apply.run());
        field.focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                apply.run();
            }
        });
    }

    private void show(double value) {
        syncing = true;
        try {
            slider.setValue(value);
            field.setText(LayerControlsViewModel.formatRatio(value));
            field.pseudoClassStateChanged(INVALID, false);
        } finally {
            syncing = false;
        }
    }
}
