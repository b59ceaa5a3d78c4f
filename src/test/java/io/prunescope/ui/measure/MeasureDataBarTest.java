package io.prunescope.ui.measure;

import io.prunescope.measure.BundledSample;
import io.prunescope.model.InputBindings;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;
import io.prunescope.ui.Theme;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.text.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The measure window's data bar at 1280×800: every label shows its whole text on every tab, presets fill the fields,
 * a bad value is named next to its field, the settings come back for the same model, the theme follows.
 */
class MeasureDataBarTest {

    private final Preferences prefs = Preferences.userRoot().node("io/prunescope/test/" + UUID.randomUUID());

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        prefs.removeNode();
    }

    @Test
    @SuppressWarnings("unchecked")
    void labelledFieldsPresetsValidationMemoryAndTheme() throws Exception {
        assumeTrue(BundledSample.isPresent(BundledSample.defaultAssets()), "Fashion sample not in assets/");
        FxToolkit.registerPrimaryStage();
        Workspace ws = Workspace.open(BundledSample.defaultAssets().resolve(BundledSample.MODEL), InputBindings.none(),
                CancellationToken.NEVER, Progress.NONE);
        SimpleObjectProperty<Theme> theme = new SimpleObjectProperty<>(Theme.DARK);
        AtomicReference<MeasureWindow> window = new AtomicReference<>();
        fx(() -> {
            MeasureWindow w = MeasureWindow.create(ws, new SimpleObjectProperty<>(ws.emptyPlan()), p -> { }, prefs,
                    theme);
            w.stage().getScene().getStylesheets().setAll(theme.get().stylesheets());
            w.stage().setWidth(1280);
            w.stage().setHeight(800);
            w.stage().show();
            window.set(w);
        });
        MeasureWindow w = window.get();
        var scene = w.stage().getScene();
        TabPane tabs = (TabPane) scene.lookup(".tab-pane");
        for (Tab t : List.copyOf(tabs.getTabs())) {
            fx(() -> tabs.getSelectionModel().select(t));
            WaitForAsyncUtils.waitForFxEvents();
            List<String> cut = new ArrayList<>();
            collapsed(scene.getRoot(), cut);
            assertThat(cut).as("labels cut short on the %s tab at 1280×800", t.getText()).isEmpty();
        }
        fx(() -> tabs.getSelectionModel().select(0));
        // the check sees a label that is cut short
        Label narrow = new Label("a label much wider than its room");
        narrow.setMaxWidth(40);
        fx(() -> ((javafx.scene.layout.Pane) scene.lookup(".data-bar")).getChildren().add(narrow));
        List<String> seen = new ArrayList<>();
        collapsed(scene.getRoot(), seen);
        assertThat(seen).hasSize(1);
        fx(() -> ((javafx.scene.layout.Pane) scene.lookup(".data-bar")).getChildren().remove(narrow));

        // presets fill scale, mean and std; the bundled data's own is its JSON's
        ComboBox<PreprocessingPreset> preset = (ComboBox<PreprocessingPreset>) scene.lookup("#measurePreset");
        TextField scale = (TextField) scene.lookup("#measureScale");
        TextField mean = (TextField) scene.lookup("#measureMean");
        TextField std = (TextField) scene.lookup("#measureStd");
        var own = BundledSample.fashion(BundledSample.defaultAssets()).preprocessing();
        assertThat(preset.getValue()).isEqualTo(PreprocessingPreset.FROM_DATA);
        assertThat(Float.parseFloat(std.getText())).isEqualTo(own.std()[0]);
        fx(() -> preset.setValue(PreprocessingPreset.PIXELS_255));
        assertThat(scale.getText()).isEqualTo("0.00392157");
        assertThat(mean.getText()).isEqualTo("0");
        assertThat(std.getText()).isEqualTo("1");

        // a value that is not usable is named next to its field; the grey model takes one mean
        Label stdError = (Label) scene.lookup("#measureStdError");
        fx(() -> std.setText("0"));
        assertThat(stdError.isVisible()).isTrue();
        assertThat(stdError.getText()).isEqualTo("must be above 0");
        assertThat(std.getPseudoClassStates()).extracting(Object::toString).contains("invalid");
        fx(() -> mean.setText("0.485, 0.456, 0.406"));
        assertThat(((Label) scene.lookup("#measureMeanError")).getText())
                .isEqualTo("one value: the model has 1 channel");
        fx(() -> {
            mean.setText("0.5");
            std.setText("0.25");
            w.limit.getValueFactory().setValue(300);
        });
        assertThat(stdError.isVisible()).isFalse();
        assertThat(preset.getValue()).as("typed values are custom").isNull();

        // the same model's next window starts from these settings
        AtomicReference<MeasureWindow> again = new AtomicReference<>();
        fx(() -> again.set(MeasureWindow.create(ws, new SimpleObjectProperty<>(ws.emptyPlan()), p -> { }, prefs,
                theme)));
        var scene2 = again.get().stage().getScene();
        assertThat(((TextField) scene2.lookup("#measureMean")).getText()).isEqualTo("0.5");
        assertThat(((TextField) scene2.lookup("#measureStd")).getText()).isEqualTo("0.25");
        assertThat(again.get().limit.getValue()).isEqualTo(300);

        // charts take the theme's colours and follow a switch
        var bg = w.chart.getChart().getBackgroundPaint();
        fx(() -> theme.set(Theme.LIGHT));
        assertThat(w.chart.getChart().getBackgroundPaint()).isNotEqualTo(bg).isEqualTo(java.awt.Color.WHITE);
        fx(() -> io.prunescope.ui.Screenshot.write(scene, java.nio.file.Path.of("target/ui-screenshots",
                "measure-data-bar.png")));
    }

    /** Visible labels whose shown text is not their whole text (cut to "…"). */
    private static void collapsed(Node n, List<String> cut) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty() && !l.isWrapText()) {
            Node shown = l.lookup(".text");
            if (shown instanceof Text t && !t.getText().equals(l.getText())) {
                cut.add(l.getText() + " → " + t.getText());
            }
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collapsed(c, cut);
            }
        }
    }

    private interface FxAction {
        void run() throws Exception;
    }

    private static void fx(FxAction a) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            a.run();
            return null;
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
    }
}
