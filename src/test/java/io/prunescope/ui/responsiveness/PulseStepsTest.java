package io.prunescope.ui.responsiveness;

import javafx.animation.AnimationTimer;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Steps run in order, each in a pulse of its own; a wait holds the next steps until its condition holds. */
@ExtendWith(ApplicationExtension.class)
class PulseStepsTest {

    @Start
    void start(Stage stage) {
        stage.show();
    }

    @Test
    void stepsRunOnePerPulseInOrderAndWaitsHoldTheRest(FxRobot robot) throws Exception {
        AtomicInteger pulse = new AtomicInteger();
        AnimationTimer counter = new AnimationTimer() {
            @Override
            public void handle(long now) {
                pulse.incrementAndGet();
            }
        };
        List<String> ran = new CopyOnWriteArrayList<>();
        List<Integer> at = new CopyOnWriteArrayList<>();
        AtomicBoolean open = new AtomicBoolean();
        AtomicInteger polls = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        PulseSteps steps = new PulseSteps();
        for (String name : List.of("a", "b", "c")) {
            steps.then(() -> {
                ran.add(name);
                at.add(pulse.get());
            });
        }
        steps.until(() -> {
            polls.incrementAndGet();
            if (polls.get() == 3) {
                open.set(true); // the third look finds it open
            }
            return open.get();
        }).then(() -> {
            ran.add("d");
            at.add(pulse.get());
        });
        robot.interact(() -> {
            counter.start();
            steps.start(() -> done.set(true));
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, done::get);
        robot.interact(counter::stop);

        assertThat(ran).containsExactly("a", "b", "c", "d");
        assertThat(polls.get()).isEqualTo(3);
        // each step after a pulse of its own: strictly increasing pulse counts, and d at least 3 pulses after c
        for (int i = 1; i < at.size(); i++) {
            assertThat(at.get(i)).isGreaterThan(at.get(i - 1));
        }
        assertThat(at.get(3) - at.get(2)).isGreaterThanOrEqualTo(3);
    }
}
