package io.prunescope.ui.responsiveness;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.Axis;
import javafx.scene.control.Slider;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A slider with still ticks looks exactly like JavaFX's own once the latter's tick animation has ended: two sliders
 * set up as the inspector's ratio slider, one of them with {@link StillSliderTicks}, are drawn pixel for pixel the
 * same after the window is resized (which moves the ticks); only the first one's axis animates.
 */
@ExtendWith(ApplicationExtension.class)
class StillSliderTicksTest {

    private Slider animated;
    private Slider still;
    private Stage stage;

    /** As in PruningPanel.fxml. */
    private static Slider ratioSlider() {
        Slider s = new Slider(0, 0.95, 0.3);
        s.setBlockIncrement(0.05);
        s.setMajorTickUnit(0.25);
        s.setMinorTickCount(4);
        s.setShowTickMarks(true);
        s.setMaxWidth(Double.MAX_VALUE);
        s.setFocusTraversable(false); // no focus ring on either
        return s;
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        animated = ratioSlider();
        still = ratioSlider();
        StillSliderTicks.apply(still);
        stage.setScene(new Scene(new VBox(10, animated, still), 300, 120));
        stage.show();
    }

    @Test
    void theTicksDoNotAnimateAndEndWhereJavaFxsAnimatedTicksEnd(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(axes(animated)).hasSize(1).allMatch(Axis::getAnimated); // the skin's axis is found and animates
        assertThat(axes(still)).hasSize(1).noneMatch(Axis::getAnimated);

        robot.interact(() -> stage.setWidth(520)); // the ticks move
        WaitForAsyncUtils.sleep(1500, TimeUnit.MILLISECONDS); // the animated ones have arrived
        WaitForAsyncUtils.waitForFxEvents();
        Image[] shots = new Image[2];
        robot.interact(() -> {
            shots[0] = animated.snapshot(null, null);
            shots[1] = still.snapshot(null, null);
        });
        assertThat(still.getWidth()).isGreaterThan(450).isEqualTo(animated.getWidth());
        assertSamePixels(shots[0], shots[1]);
        // a new skin makes a new axis: still again
        robot.interact(() -> still.setSkin(new javafx.scene.control.skin.SliderSkin(still)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(axes(still)).hasSize(1).noneMatch(Axis::getAnimated);
    }

    private static List<Axis<?>> axes(Slider s) {
        return s.getChildrenUnmodifiable().stream().filter(n -> n instanceof Axis<?>).map(StillSliderTicksTest::axis)
                .toList();
    }

    private static Axis<?> axis(Node n) {
        return (Axis<?>) n;
    }

    private static void assertSamePixels(Image a, Image b) {
        assertThat((int) b.getWidth()).isEqualTo((int) a.getWidth());
        assertThat((int) b.getHeight()).isEqualTo((int) a.getHeight());
        PixelReader ra = a.getPixelReader();
        PixelReader rb = b.getPixelReader();
        int differing = 0;
        int tickPixels = 0;
        for (int y = 0; y < (int) a.getHeight(); y++) {
            for (int x = 0; x < (int) a.getWidth(); x++) {
                if (ra.getArgb(x, y) != rb.getArgb(x, y)) {
                    differing++;
                }
                if (ra.getArgb(x, y) != ra.getArgb(0, 0)) {
                    tickPixels++;
                }
            }
        }
        assertThat(tickPixels).as("something drawn").isGreaterThan(0);
        assertThat(differing).isZero();
    }
}
