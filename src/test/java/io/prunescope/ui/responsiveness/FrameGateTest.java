package io.prunescope.ui.responsiveness;

import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Tasks handed to a gated executor during an installation wait for the next frame, then run in order. */
@ExtendWith(ApplicationExtension.class)
class FrameGateTest {

    @Start
    void start(Stage stage) {
        stage.show();
    }

    @Test
    void tasksStartedDuringAnInstallationRunAfterTheNextFrameInTheirOrder(FxRobot robot) throws Exception {
        FrameGate gate = new FrameGate();
        List<String> ran = new CopyOnWriteArrayList<>();
        Executor direct = Runnable::run;
        Executor gated = gate.holding(direct);
        List<String> seenDuring = new CopyOnWriteArrayList<>();
        List<String> seenRightAfter = new CopyOnWriteArrayList<>();
        boolean[] closedAfter = new boolean[1];
        robot.interact(() -> {
            gate.closedDuring(() -> {
                gated.execute(() -> ran.add("layout"));
                gated.execute(() -> ran.add("preview"));
                seenDuring.addAll(ran);
            });
            seenRightAfter.addAll(ran);
            closedAfter[0] = gate.isClosed();
        });
        assertThat(seenDuring).isEmpty();
        assertThat(seenRightAfter).isEmpty();
        assertThat(closedAfter[0]).isTrue();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ran.size() == 2);
        assertThat(ran).containsExactly("layout", "preview");
        assertThat(gate.isClosed()).isFalse();

        // open: tasks go straight through
        gated.execute(() -> ran.add("edit"));
        assertThat(ran).containsExactly("layout", "preview", "edit");
    }

    @Test
    void nestedInstallationsReleaseOnlyWhenTheLastHasBeenShown(FxRobot robot) throws Exception {
        FrameGate gate = new FrameGate();
        List<String> ran = new CopyOnWriteArrayList<>();
        Executor gated = gate.holding(Runnable::run);
        robot.interact(() -> gate.closedDuring(() -> {
            gated.execute(() -> ran.add("first"));
            gate.closedDuring(() -> gated.execute(() -> ran.add("second")));
        }));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ran.size() == 2);
        assertThat(ran).containsExactly("first", "second");
    }
}
