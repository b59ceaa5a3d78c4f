package io.prunescope.ui.learn;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Next / Back walk the steps, each highlighting the node its step names, and closing restores the window. */
class GuidedTourTest {

    @Test
    void stepsHighlightTheirTargetsAndCloseRestoresThem() throws Exception {
        Stage primary = FxToolkit.registerPrimaryStage();
        AtomicReference<GuidedTour> tour = new AtomicReference<>();
        VBox root = new VBox();
        for (TourStep s : GuidedTour.STEPS) {
            Label l = new Label(s.title());
            l.setId(s.targetId());
            root.getChildren().add(l);
        }
        WaitForAsyncUtils.asyncFx(() -> {
            primary.setScene(new Scene(root, 600, 400));
            primary.show();
            GuidedTour t = new GuidedTour(primary.getScene());
            t.start();
            tour.set(t);
        }).get();
        GuidedTour t = tour.get();
        assertThat(t.isShowing()).isTrue();
        for (int i = 0; i < GuidedTour.STEPS.size(); i++) {
            int step = i;
            assertThat(t.step()).isEqualTo(step);
            assertThat(t.highlighted().getId()).isEqualTo(GuidedTour.STEPS.get(step).targetId());
            assertThat(t.highlighted().getEffect()).isNotNull();
            if (i < GuidedTour.STEPS.size() - 1) {
                WaitForAsyncUtils.asyncFx(() -> t.show(step + 1)).get();
                assertThat(root.getChildren().get(step).getEffect()).as("previous step unhighlighted").isNull();
            }
        }
        WaitForAsyncUtils.asyncFx(() -> t.show(t.step() - 1)).get();
        assertThat(t.step()).isEqualTo(GuidedTour.STEPS.size() - 2);
        WaitForAsyncUtils.asyncFx(t::close).get();
        assertThat(t.isShowing()).isFalse();
        assertThat(root.getChildren()).allMatch(n -> n.getEffect() == null);
    }
}
