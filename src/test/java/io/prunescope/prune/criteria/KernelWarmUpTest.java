package io.prunescope.prune.criteria;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The warm-up's stopping rule and its stepping aside, on runs whose speed the test controls. */
class KernelWarmUpTest {

    @Test
    void stopsAtTheFirstRunSixTimesFasterThanTheEarlyOnesButNotBeforeTheMinimum() {
        AtomicInteger calls = new AtomicInteger();
        // 3 ms per run for the first 30 runs ("interpreted"), then 0.2 ms ("compiled").
        int runs = KernelWarmUp.untilFast(KernelWarmUp.Kernel.NORMS, () -> spin(calls.incrementAndGet() <= 30 ? 3_000_000 : 200_000),
                20, 1000, 5_000_000_000L);
        assertThat(runs).as("run 31 is the first fast one (a later one if the machine preempted it)").isBetween(31, 36);

        AtomicInteger early = new AtomicInteger();
        // Fast from the start: the minimum holds it back, and only a run 6× faster than runs 2–4 ends it.
        int capped = KernelWarmUp.untilFast(KernelWarmUp.Kernel.NORMS, () -> spin(early.incrementAndGet() <= 50 ? 1_500_000 : 1_000_000),
                20, 60, 5_000_000_000L);
        assertThat(capped).as("a run 1.5× faster is not C2's code; the run cap ends it").isEqualTo(60);
    }

    @Test
    void stepsAsideWhileRealScoresAreComputed() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Thread warmUp = new Thread(() -> KernelWarmUp.untilFast(KernelWarmUp.Kernel.GRAM,
                () -> spin(runs.incrementAndGet() > 0 ? 100_000 : 0), 1_000_000, 1_000_000, 600_000_000L));
        warmUp.setDaemon(true);
        warmUp.start();
        while (runs.get() < 5) {
            Thread.onSpinWait();
        }
        int[] during = KernelWarmUp.whileScoring(() -> {
            int before = runs.get();
            sleep(100);
            return new int[] {before, runs.get()};
        });
        assertThat(during[1] - during[0]).as("at most the run in progress finishes").isLessThanOrEqualTo(1);
        int after = runs.get();
        sleep(100);
        assertThat(runs.get()).as("and it goes on afterwards").isGreaterThan(after + 10);
        warmUp.join(5_000);
    }

    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
