package io.prunescope.ui.responsiveness;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Latest result wins: a superseded computation never overwrites a newer one, waiting requests are replaced rather
 * than queued, and a discarded request's result is dropped. The worker and the "FX thread" are queues run by hand,
 * so every interleaving is chosen by the test.
 */
class LatestResultTest {

    /** An executor that runs nothing until told to. */
    private static final class Queue implements java.util.concurrent.Executor {
        final Deque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable r) {
            tasks.add(r);
        }

        void runAll() {
            while (!tasks.isEmpty()) {
                tasks.poll().run();
            }
        }
    }

    @Test
    void aResultDeliveredAfterANewerRequestIsDropped() {
        Queue worker = new Queue();
        Queue fx = new Queue();
        LatestResult<Integer> latest = new LatestResult<>(worker, fx);
        List<Integer> applied = new ArrayList<>();

        latest.submit(() -> 1, applied::add);
        worker.runAll(); // the first result is computed and on its way to the FX thread ...
        latest.submit(() -> 2, applied::add); // ... when a newer request comes
        fx.runAll(); // the first result arrives: superseded
        assertThat(applied).isEmpty();
        worker.runAll();
        fx.runAll();
        assertThat(applied).containsExactly(2);
    }

    @Test
    void requestsWaitingForTheWorkerAreReplacedNotQueued() {
        Queue worker = new Queue();
        Queue fx = new Queue();
        LatestResult<String> latest = new LatestResult<>(worker, fx);
        List<String> computed = new ArrayList<>();
        List<String> applied = new ArrayList<>();
        for (String s : new String[]{"a", "b", "c"}) {
            latest.submit(() -> {
                computed.add(s);
                return s.toUpperCase();
            }, applied::add);
        }
        assertThat(worker.tasks).hasSize(1); // one drain for the three requests
        worker.runAll();
        fx.runAll();
        assertThat(computed).containsExactly("c");
        assertThat(applied).containsExactly("C");
    }

    @Test
    void aDiscardedRequestIsNotApplied() {
        Queue worker = new Queue();
        Queue fx = new Queue();
        LatestResult<Integer> latest = new LatestResult<>(worker, fx);
        List<Integer> applied = new ArrayList<>();
        latest.submit(() -> 7, applied::add);
        worker.runAll();
        latest.discard();
        fx.runAll();
        assertThat(applied).isEmpty();
        // and a request after the discard is applied as usual
        latest.submit(() -> 8, applied::add);
        worker.runAll();
        fx.runAll();
        assertThat(applied).containsExactly(8);
    }

    @Test
    void onARealWorkerTheLastRequestsResultIsTheOneLeftApplied() throws Exception {
        ExecutorService worker = Executors.newSingleThreadExecutor();
        LinkedBlockingQueue<Runnable> fxTasks = new LinkedBlockingQueue<>();
        LatestResult<Integer> latest = new LatestResult<>(worker, fxTasks::add);
        AtomicInteger shown = new AtomicInteger(-1);
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            // a slow first computation, superseded while it runs by 50 quick ones
            latest.submit(() -> {
                slowStarted.countDown();
                await(release);
                return 0;
            }, shown::set);
            assertThat(slowStarted.await(5, TimeUnit.SECONDS)).isTrue();
            for (int i = 1; i <= 50; i++) {
                int v = i;
                latest.submit(() -> v * v, shown::set);
            }
            release.countDown();
            // the "FX thread": applies results in arrival order until the last request's has come
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (shown.get() != 2500 && System.nanoTime() < end) {
                Runnable r = fxTasks.poll(100, TimeUnit.MILLISECONDS);
                if (r != null) {
                    r.run();
                }
            }
            worker.shutdown();
            assertThat(worker.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
            fxTasks.forEach(Runnable::run); // anything still on its way changes nothing
            assertThat(shown.get()).isEqualTo(2500);
        } finally {
            worker.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
