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
        if (!Double.isNaN(stall.coreWaitMs())) {
            // on a core or waiting for one: never more than the stall lasted
            assertThat(stall.fxCpuMs() + stall.coreWaitMs()).isLessThanOrEqualTo(stall.durationMs() + 2);
        }
        assertThat(stall.renderCpuMs()).as("JavaFX's render thread is found and its clock read")
                .isBetween(0.0, stall.durationMs() + 1);
    }

    /**
     * A stall the FX thread spends blocked is told from work: little CPU of its own; and a collection's pause inside
     * a stall is counted.
     */
    @Test
    void aBlockedFxThreadUsesLittleCpuAndAPauseOfTheCollectorIsCounted(FxRobot robot) throws Exception {
        List<StallReport> heard = new CopyOnWriteArrayList<>();
        FxStallWatchdog watchdog = new FxStallWatchdog(FxStallWatchdog.DEFAULT_THRESHOLD_MS, false, heard::add);
        robot.interact(watchdog::start);
        WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);
        Platform.runLater(() -> {
            System.gc(); // a stop-the-world collection (G1's full collection), then asleep
            try {
                Thread.sleep(BLOCK_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> heard.stream().anyMatch(r -> r.durationMs() >= BLOCK_MS));
        robot.interact(watchdog::stop);

        StallReport stall = heard.stream().filter(r -> r.durationMs() >= BLOCK_MS).findFirst().orElseThrow();
        assertThat(stall.samples()).isEmpty();
        if (!Double.isNaN(stall.fxCpuMs())) {
            assertThat(stall.fxCpuMs()).isLessThan(stall.durationMs() / 2);
        }
        assertThat(stall.gcPauseMs()).isGreaterThan(0);
        assertThat(stall.describe(1)).contains("GC pauses ");
        // the build opens HotSpot's counters to the tests as the launchers do: a collection is a safepoint, so the
        // time held at safepoints holds the pause (both in whole milliseconds, hence the 1 ms)
        assertThat(stall.safepointMs()).isGreaterThanOrEqualTo(stall.gcPauseMs() - 1);
        assertThat(stall.safepointReachingMs()).isNotNegative();
        assertThat(stall.describe(1)).contains("; safepoints ");
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
