package io.prunescope.prune.criteria;

/**
 * Whether the JDK 17 incubator Vector API is usable: the module {@code jdk.incubator.vector} must be in the boot
 * layer (it is only when the JVM starts with {@code --add-modules jdk.incubator.vector}; the launchers, tests and
 * {@code javafx:run} pass it). The property {@code prunescope.vector=false} forces the pure-Java path, which is
 * how the tests compare the two.
 */
final class VectorSupport {

    private static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equals(System.getProperty("prunescope.vector"));

    private VectorSupport() {
    }

    static boolean available() {
        return AVAILABLE;
    }

    /**
     * Compiles the Vector API kernels ahead of need, on a background daemon thread. Interpreted, every vector
     * operation allocates and the kernels run ~100× slower than compiled, which would make the first FPGM or norm
     * pass of a fresh process take seconds; loading a model takes long enough for C2 to compile them on the
     * other core meanwhile. Idempotent and cheap to call; without the module it only loads ONNX Runtime.
     */
    static void prewarm() {
        if (WARMING.getAndSet(true)) {
            return;
        }
        Thread t = new Thread(VectorSupport::warm, "prunescope-vector-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static final java.util.concurrent.atomic.AtomicBoolean WARMING = new java.util.concurrent.atomic.AtomicBoolean();
    private static volatile boolean rowsWarmed;
    private static volatile boolean warmed;

    /**
     * Whether scoring should use the Vector API kernels now: when it is available and either nobody started a
     * warm-up (tests, the command line: use it straight away, as before) or the warm-up has finished. While a warm-up
     * runs, the plain Java kernels are used: interpreted, every vector operation allocates, and a fresh process's
     * first FPGM pass took 1.7–2.1 s on ResNet-50 that way; scalar loops compile within milliseconds.
     */
    static boolean ready() {
        return AVAILABLE && (warmed || !WARMING.get());
    }

    /**
     * As {@link #ready()} for the Java side of the native Gram path ({@link VectorGramRows}), which the warm-up
     * compiles first: it handles most of FPGM's Java work, so it is worth having before the rest.
     */
    static boolean gramRowsReady() {
        return AVAILABLE && (rowsWarmed || !WARMING.get());
    }

    /**
     * Loads ONNX Runtime's native library (a few hundred ms the first time: it is unpacked from the jar), compiles the
     * Java side of the native Gram path, then the Vector API Gram and norm kernels: small problems through the same
     * entry points as real ones, enough times for C2 (about 20k loop trips).
     */
    private static void warm() {
        java.util.Optional<io.prunescope.runtime.NativeGram> engine = io.prunescope.runtime.NativeGram.instance();
        if (!AVAILABLE) {
            return;
        }
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        int n = 48;
        int d = 2 * VectorGram.KC + 40;
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        long t0 = System.nanoTime();
        engine.ifPresent(e -> {
            for (int rep = 0; rep < 40; rep++) {
                NativeGramSums.sums(e, x, n, d, false, true);
            }
        });
        rowsWarmed = true;
        long t1 = System.nanoTime();
        UnitLayout rows = UnitLayout.of(WeightView.of(x, n, d), Granularity.NEURON);
        float[] l1 = new float[n];
        float[] l2 = new float[n];
        for (int rep = 0; rep < 40; rep++) {
            DistanceSums.sums(x, n, d, false, true);
            NormScores.fillBoth(x, rows, l1, l2, 0, n);
        }
        warmed = true;
        if (Boolean.getBoolean("prunescope.warmup.log")) {
            System.err.printf("warm-up: gram rows %.0f ms, kernels %.0f ms%n", (t1 - t0) / 1e6, (System.nanoTime() - t1) / 1e6);
        }
    }

    static String describe() {
        return AVAILABLE ? "Vector API (" + VectorGram.NR + "-column panels)" : "pure Java (no jdk.incubator.vector)";
    }
}
