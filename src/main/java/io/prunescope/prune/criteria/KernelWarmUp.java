package io.prunescope.prune.criteria;

import io.prunescope.runtime.NativeGram;

import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Gets the score kernels compiled by C2 before a model needs them, on two background daemon threads, and says which
 * are ready; until a kernel is, the scorers use plain loops (see {@link VectorSupport#ready()}).
 *
 * <p>Why "until fast" and not a fixed number of runs: the Vector API is only fast in C2's code. Interpreted, or in
 * C1's code (which has no vector intrinsics), every vector operation allocates and a kernel runs 10–100× slower.
 * C2 compiles a method once it has been called often enough, but at start-up HotSpot raises that threshold with the
 * length of C2's queue (hundreds of JDK methods), so a fixed count misses: with 40 runs each, the warm-up reported
 * done and yet the first FPGM pass over YOLOv5s (2 cores, idle, warm-up finished 3 s earlier) ran the row kernels
 * in C1's code and took 253–271 ms, 3× the later passes; {@code -XX:+PrintCompilation} showed their C2 versions
 * arriving only during that pass. So each kernel runs small problems until one run takes a sixth of the time of
 * the early runs (C2's code), or until a cap. Preemption can only make a run slower, so a fast run is proof.
 *
 * <p>Two problem shapes, one a multiple of the vector and panel widths and one not, so that C2 compiles the
 * kernels' tail paths too instead of leaving traps that would send the first real layer back to the interpreter.
 *
 * <p>The warm-up steps aside while real scores are computed ({@link #whileScoring}): on two cores its thread and
 * the scorers' would otherwise share them, and the user's first heatmap would wait for a warm-up meant to speed it
 * up. Real work meanwhile takes the plain loops, which C1 and C2 compile within milliseconds.
 */
final class KernelWarmUp {

    enum Kernel { NORMS, GRAM, GRAM_ROWS }

    /** A run this many times faster than the early runs is C2's code. */
    private static final int SPEED_UP = 6;
    /**
     * Fewer runs than this never count as compiled: a run can get fast early through an on-stack-replacement
     * compile of one loop while the kernel's own entry is still C1's code, which is what the scorers call.
     */
    private static final int MIN_RUNS = 150;
    private static final int MAX_RUNS = 4000;
    private static final long MAX_NANOS = 3_000_000_000L;

    /**
     * Filters × values per filter, as real convs have them: the norms and the Java Gram kernel see small layers
     * (3×3 convs of 32 and 13 channels), the native path's rows a layer it would take (1×1 conv, 576 inputs).
     */
    private static final int[][] SMALL = {{64, 32 * 9}, {45, 13 * 9}};
    private static final int[][] ROWS = {{128, 576}, {75, 13 * 9}};

    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final AtomicInteger SCORING = new AtomicInteger();
    private static final Set<Kernel> FINISHED = ConcurrentHashMap.newKeySet();
    /** Where warm-up results go, so that the JIT cannot drop the work as unused. */
    private static volatile double checksum;
    /** Counted down once ONNX Runtime has loaded (or failed to) and the Java side of its path is compiled. */
    private static final java.util.concurrent.CountDownLatch NATIVE_DONE = new java.util.concurrent.CountDownLatch(1);

    private KernelWarmUp() {
    }

    /** Whether {@code kernel} may be used: no warm-up was started (tests, the command line), or it is compiled. */
    static boolean done(Kernel kernel) {
        return !STARTED.get() || FINISHED.contains(kernel);
    }

    /** Whether a warm-up was started and has not finished. */
    static boolean running() {
        return STARTED.get() && FINISHED.size() < Kernel.values().length;
    }

    /** Runs real scoring work; the warm-up pauses between its runs until it returns. */
    static <T> T whileScoring(Supplier<T> work) {
        SCORING.incrementAndGet();
        try {
            return work.get();
        } finally {
            SCORING.decrementAndGet();
        }
    }

    private static void stepAside() {
        while (SCORING.get() > 0) {
            LockSupport.parkNanos(1_000_000);
        }
    }

    static void start() {
        if (STARTED.getAndSet(true)) {
            return;
        }
        // Two threads: loading ONNX Runtime is mostly linking a library, which need not wait for the compiler,
        // nor the compiler for it.
        daemon(KernelWarmUp::warmNativePath, "prunescope-native-warmup", Kernel.GRAM_ROWS);
        daemon(KernelWarmUp::warmJavaKernels, "prunescope-vector-warmup", Kernel.NORMS, Kernel.GRAM);
    }

    private static void daemon(Runnable body, String name, Kernel... owned) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } finally {
                // Whatever happened, the scorers must not wait for a warm-up that ended.
                FINISHED.addAll(java.util.List.of(owned));
            }
        }, name);
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /**
     * The scorers' first steps (classes, the scalar norm kernel); then, once ONNX Runtime's path is ready, the Vector
     * API norm kernel and Gram kernel for small layers.
     */
    private static void warmJavaKernels() {
        float[][] x = problems(SMALL);
        java.util.List<WeightView> layers = smallConvs(x);
        firstSteps(x, layers);
        if (!VectorSupport.available()) {
            return;
        }
        // C2 compiling the vector kernels keeps a core busy for about a second; on two cores that would slow the
        // library's loading, which a model scored right after it is read waits for (see DistanceSums), and the
        // compiling of the native path's Java side. The small layers' kernels come last: until they are ready, small
        // layers go to ONNX Runtime too and the norms take ScalarNorms.
        awaitNativePath();
        UnitLayout[] filters = new UnitLayout[SMALL.length];
        for (int s = 0; s < SMALL.length; s++) {
            filters[s] = UnitLayout.of(layers.get(s), Granularity.FILTER);
        }
        float[] l1 = new float[SMALL[0][0]];
        float[] l2 = new float[SMALL[0][0]];
        untilFast(Kernel.NORMS, () -> {
            for (int s = 0; s < SMALL.length; s++) {
                // A few units per call, as the scorers' pieces call it: the method itself must get hot, not a loop.
                for (int u = 0; u < SMALL[s][0]; u += 4) {
                    NormScores.fillBoth(x[s], filters[s], l1, l2, u, Math.min(SMALL[s][0], u + 4), true);
                }
            }
        });
        untilFast(Kernel.GRAM, () -> {
            for (int s = 0; s < SMALL.length; s++) {
                DistanceSums.sums(x[s], SMALL[s][0], SMALL[s][1], false, true);
            }
        });
        // Then the way in, as the workbench calls it: the scorers' pieces, the shared pool's threads, the layouts.
        // Without this the first L1+L2 pass over YOLOv5s took 30–50 ms after the kernels were compiled, 1 ms later.
        long t0 = System.nanoTime();
        for (int r = 0; r < 200; r++) {
            stepAside();
            Scorer.normsOfLayers(layers, Granularity.FILTER);
            if (r % 10 == 0) {
                Scorer.scoresOfLayers(layers, Granularity.FILTER, Criterion.FPGM, ScoreOptions.defaults());
            }
        }
        log("%s in %.0f ms", "scorers' way in warmed", System.nanoTime() - t0);
    }

    /**
     * What a first pass needs before any kernel is compiled: the scorers' classes initialised (15–20 ms in a fresh
     * JVM), and the scalar norm kernel and the plain Java side of the native Gram path, which a model opened now
     * would use, compiled.
     */
    private static void firstSteps(float[][] x, java.util.List<WeightView> layers) {
        long t0 = System.nanoTime();
        double check = 0;
        for (int r = 0; r < 40; r++) {
            stepAside();
            Scorer.normsOfLayers(layers, Granularity.FILTER);
            check += NativeGramSums.warmPlainSide(x[0], SMALL[0][0], SMALL[0][1]);
        }
        checksum = check;
        log("%s in %.0f ms", "first steps", System.nanoTime() - t0);
    }

    /** The {@link #SMALL} problems as 3×3 conv weights. */
    private static java.util.List<WeightView> smallConvs(float[][] x) {
        java.util.List<WeightView> layers = new java.util.ArrayList<>();
        for (int s = 0; s < SMALL.length; s++) {
            layers.add(new WeightView(x[s], new int[] {SMALL[s][0], SMALL[s][1] / 9, 3, 3}));
        }
        return java.util.List.copyOf(layers);
    }

    private static void awaitNativePath() {
        try {
            NATIVE_DONE.await(2 * MAX_NANOS, java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** ONNX Runtime's library (unpacked, linked, first session), then the Java side of the native Gram path. */
    private static void warmNativePath() {
        try {
            warmNativePathNow();
        } finally {
            NATIVE_DONE.countDown();
        }
    }

    private static void warmNativePathNow() {
        long t0 = System.nanoTime();
        Optional<NativeGram> engine = NativeGram.instance();
        log("ONNX Runtime %s in %.0f ms", engine.isPresent() ? "loaded" : "not available", System.nanoTime() - t0);
        if (engine.isEmpty() || !VectorSupport.available()) {
            return;
        }
        float[][] x = problems(ROWS);
        untilFast(Kernel.GRAM_ROWS, () -> {
            for (int s = 0; s < ROWS.length; s++) {
                NativeGramSums.sums(engine.get(), x[s], ROWS[s][0], ROWS[s][1], false, true);
            }
        });
    }

    /**
     * Runs {@code run} until one run takes at most 1/{@value #SPEED_UP} of the fastest of runs 2–4 (run 1 also loads
     * classes), then marks {@code kernel} ready; after {@value #MAX_RUNS} runs or 3 s it is marked ready anyway (a
     * kernel compiled before the warm-up began never gets faster).
     */
    static int untilFast(Kernel kernel, Runnable run) {
        return untilFast(kernel, run, MIN_RUNS, MAX_RUNS, MAX_NANOS);
    }

    static int untilFast(Kernel kernel, Runnable run, int minRuns, int maxRuns, long maxNanos) {
        long spent = 0;
        long early = Long.MAX_VALUE;
        int runs = 0;
        boolean fast = false;
        while (runs < maxRuns && spent < maxNanos) {
            stepAside();
            long t = System.nanoTime();
            run.run();
            long took = System.nanoTime() - t;
            spent += took;
            runs++;
            if (runs >= 2 && runs <= 4) {
                early = Math.min(early, took);
            } else if (runs >= minRuns && took * SPEED_UP <= early) {
                fast = true;
                break;
            }
        }
        FINISHED.add(kernel);
        log("%s " + (fast ? "compiled" : "not faster") + " after " + runs + " runs, %.0f ms", kernel.toString(), spent);
        return runs;
    }

    private static float[][] problems(int[][] shapes) {
        SplittableRandom r = new SplittableRandom(1);
        float[][] x = new float[shapes.length][];
        for (int s = 0; s < shapes.length; s++) {
            x[s] = new float[shapes[s][0] * shapes[s][1]];
            for (int i = 0; i < x[s].length; i++) {
                x[s][i] = (float) r.nextGaussian();
            }
        }
        return x;
    }

    private static void log(String format, String what, long nanos) {
        if (Boolean.getBoolean("prunescope.warmup.log")) {
            System.err.printf("warm-up: " + format + "%n", what, nanos / 1e6);
        }
    }
}
