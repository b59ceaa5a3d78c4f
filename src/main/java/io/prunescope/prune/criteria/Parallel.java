package io.prunescope.prune.criteria;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The one pool the criteria run on. Its own pool rather than the common one because on a 2-core
 * machine the common pool has a single worker; this one has one worker per core and daemon threads.
 */
final class Parallel {

    private static final ForkJoinPool POOL =
            new ForkJoinPool(Math.max(1, Runtime.getRuntime().availableProcessors()));

    private Parallel() {
    }

    static int threads() {
        return POOL.getParallelism();
    }

    /** Runs {@code body(t)} for t in [0, tasks), on the pool when there is more than one task. */
    static void forEach(int tasks, IntConsumer body) {
        if (tasks <= 1 || POOL.getParallelism() == 1 || Thread.currentThread() instanceof ForkJoinWorkerThread w && w.getPool() == POOL) {
            // Nested calls stay on the caller's thread: the outer level already uses every core.
            for (int t = 0; t < tasks; t++) {
                body.accept(t);
            }
            return;
        }
        POOL.submit(() -> IntStream.range(0, tasks).parallel().forEach(body)).join();
    }
}
