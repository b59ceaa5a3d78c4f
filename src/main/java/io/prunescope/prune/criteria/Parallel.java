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

    /**
     * Runs {@code body(order[k])} for every k, each task on one pool thread, the threads pulling the next task
     * as they finish: with the largest tasks first this balances uneven work (layers of one model) better than
     * splitting each task across threads, and nested {@link #forEach} calls then stay sequential.
     */
    static void pull(int[] order, IntConsumer body) {
        int workers = Math.min(order.length, POOL.getParallelism());
        if (workers <= 1) {
            for (int i : order) {
                body.accept(i);
            }
            return;
        }
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        forEach(workers, w -> {
            for (int k = next.getAndIncrement(); k < order.length; k = next.getAndIncrement()) {
                body.accept(order[k]);
            }
        });
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
