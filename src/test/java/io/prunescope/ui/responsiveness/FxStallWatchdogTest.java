package io.prunescope.ui.responsiveness;

import javafx.application.Platform;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watchdog's behaviour, not anybody's speed: when the FX thread is kept busy on purpose, a stall is reported that
 * lasts at least as long as the thread was kept, and its samples name the method that kept it.
 */
@ExtendWith(ApplicationExtension.class)
class FxStallWatchdogTest {

    private static final long BLOCK_MS = 300;

    @Start
    void start(Stage stage) {
        stage.show();
    }

    @Test
    void aDeliberatelyBlockedFxThreadIsReportedWithTheBlockingMethod(FxRobot robot) throws Exception {
        List<StallReport> heard = new CopyOnWriteArrayList<>();
        FxStallWatchdog watchdog = new FxStallWatchdog(FxStallWatchdog.DEFAULT_THRESHOLD_MS, heard::add);
        robot.interact(watchdog::start);
        // let the heartbeat run a few pulses, then keep the FX thread busy
        WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);
        Platform.runLater(FxStallWatchdogTest::keepTheFxThreadBusy);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> heard.stream().anyMatch(FxStallWatchdogTest::blamesTheBusyMethod));
        robot.interact(watchdog::stop);

        StallReport stall = heard.stream().filter(FxStallWatchdogTest::blamesTheBusyMethod).findFirst().orElseThrow();
        assertThat(stall.durationMs()).isGreaterThanOrEqualTo(BLOCK_MS);
        assertThat(stall.places().get(0).where()).startsWith("FxStallWatchdogTest.keepTheFxThreadBusy(")
                .endsWith("[runLater]");
        assertThat(stall.describe(2)).startsWith("stall ").contains("keepTheFxThreadBusy");
        assertThat(watchdog.reports()).contains(stall);
        if (!Double.isNaN(stall.fxCpuMs())) {
            assertThat(stall.fxCpuMs()).isBetween(0.0, stall.durationMs() + 1);
        }
    }

    private static boolean blamesTheBusyMethod(StallReport r) {
        return !r.samples().isEmpty() && r.places().get(0).where().contains("keepTheFxThreadBusy");
    }

    /** Spins (on CPU, as real work does) for BLOCK_MS. */
    private static void keepTheFxThreadBusy() {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BLOCK_MS);
        long sink = 0;
        while (System.nanoTime() < end) {
            sink += System.identityHashCode(new Object());
        }
        if (sink == 42) {
            System.out.print(""); // keeps the loop from being optimised away
        }
    }
}
