package io.prunescope.ui.responsiveness;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class RunQueueWaitTest {

    @Test
    void readsTheSecondOfSchedstatsThreeNumbers() {
        assertThat(RunQueueWait.parse("283209 7140 3\n")).isEqualTo(7140);
        assertThat(RunQueueWait.parse("  1 0 1")).isZero();
        assertThat(RunQueueWait.parse("")).isEqualTo(-1);
        assertThat(RunQueueWait.parse("12")).isEqualTo(-1);
        assertThat(RunQueueWait.parse("12 x 3")).isEqualTo(-1);
    }

    /** On Linux: a real reading, which never goes back (it counts from the thread's start). */
    @Test
    void theCallingThreadsWaitOnLinuxOnlyGrows() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/thread-self/schedstat")), "Linux scheduler statistics");
        long first = RunQueueWait.ofCurrentThread();
        Thread.sleep(5);
        long second = RunQueueWait.ofCurrentThread();
        assertThat(first).isGreaterThanOrEqualTo(0);
        assertThat(second).isGreaterThanOrEqualTo(first);
    }
}
