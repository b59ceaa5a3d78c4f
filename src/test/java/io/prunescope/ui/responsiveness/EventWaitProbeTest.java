package io.prunescope.ui.responsiveness;

import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probe's behaviour, not anybody's speed: an FX thread kept busy on purpose makes one probe wait at least as long
 * as it was kept (less the probe interval), and that wait is counted over the threshold; a free FX thread lets probes
 * run.
 */
@ExtendWith(ApplicationExtension.class)
class EventWaitProbeTest {

    private static final long BLOCK_MS = 300;

    @Start
    void start(Stage stage) {
        stage.show();
    }

    @Test
    void aBlockedFxThreadMakesAProbeWaitAboutAsLong() throws Exception {
        EventWaitProbe probe = new EventWaitProbe(50);
        probe.start();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> probe.probesRun() >= 5);
        CountDownLatch blocked = new CountDownLatch(1);
        Platform.runLater(() -> {
            keepBusy(BLOCK_MS);
            blocked.countDown();
        });
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
        long after = probe.probesRun();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> probe.probesRun() >= after + 3);
        probe.stop();

        // a probe posted just before the block waits for the rest of it: most of it (half, to allow for a
        // late probe thread on a loaded machine); never longer than the test ran
        assertThat(probe.longestMs()).isGreaterThanOrEqualTo(BLOCK_MS / 2.0).isLessThan(10_000.0);
        assertThat(probe.countOverThreshold()).isGreaterThanOrEqualTo(1);
        assertThat(probe.countOverThreshold()).isLessThanOrEqualTo(probe.probesRun());
    }

    @Test
    void stoppedProbeRunsNoMoreProbes() throws Exception {
        EventWaitProbe probe = new EventWaitProbe(50);
        probe.start();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> probe.probesRun() >= 3);
        probe.stop();
        WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
        long stopped = probe.probesRun();
        WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);
        assertThat(probe.probesRun()).isEqualTo(stopped);
    }

    /** Spins (on CPU, as real work does). */
    private static void keepBusy(long ms) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        long sink = 0;
        while (System.nanoTime() < end) {
            sink += System.identityHashCode(new Object());
        }
        if (sink == 42) {
            System.out.print("");
        }
    }
}
