package io.prunescope.ui.responsiveness;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The account against the JVM's own clock for a thread of known CPU use, and the roles by thread name. */
class ThreadCpuSharesTest {

    @Test
    void aSpinningWorkerIsCountedAsPruneScopeWorkersWithTheCpuItUsed() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux's per-thread accounting");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx.isCurrentThreadCpuTimeSupported());
        ThreadCpuShares before = ThreadCpuShares.now();
        long[] usedNanos = new long[1];
        Thread worker = new Thread(() -> {
            long start = mx.getCurrentThreadCpuTime();
            long sink = 0;
            // 300 ms of this thread's own CPU time, however long the machine takes to give it
            while (mx.getCurrentThreadCpuTime() - start < 300_000_000L) {
                sink += System.identityHashCode(new Object());
            }
            usedNanos[0] = mx.getCurrentThreadCpuTime() - start + (sink == 42 ? 1 : 0);
            // stay alive until counted: an ended thread leaves /proc/self/task
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "prunescope-spin-test");
        worker.setDaemon(true);
        worker.start();
        while (usedNanos[0] == 0) {
            Thread.sleep(10);
        }
        Map<String, Double> since = before.since();
        String line = before.describeSince();
        worker.interrupt();

        // /proc counts in 10 ms ticks; the JVM's clock is the reference
        assertThat(since).containsKey("PruneScope workers");
        assertThat(since.get("PruneScope workers")).isBetween(usedNanos[0] / 1e6 - 20, usedNanos[0] / 1e6 + 200);
        assertThat(line).contains("PruneScope workers ");
        // largest first
        assertThat(new java.util.ArrayList<>(since.values())).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void threadsAreGroupedByTheNamesLinuxKnowsThemBy() {
        assertThat(ThreadCpuShares.role("C2 CompilerThre")).isEqualTo("JIT compilers");
        assertThat(ThreadCpuShares.role("C1 CompilerThre")).isEqualTo("JIT compilers");
        assertThat(ThreadCpuShares.role("JavaFX Applicat")).isEqualTo("FX thread");
        assertThat(ThreadCpuShares.role("QuantumRenderer")).isEqualTo("render thread");
        assertThat(ThreadCpuShares.role("GC Thread#1")).isEqualTo("garbage collector");
        assertThat(ThreadCpuShares.role("G1 Conc#0")).isEqualTo("garbage collector");
        assertThat(ThreadCpuShares.role("prunescope-netw")).isEqualTo("PruneScope workers");
        assertThat(ThreadCpuShares.role("ForkJoinPool.co")).isEqualTo("scoring pool");
        assertThat(ThreadCpuShares.role("VM Thread")).isEqualTo("other");
    }
}
