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
        // Two threads: loading ONNX Runtime is mostly unpacking and linking a library, which need not wait for
        // the compiler, nor the compiler for it.
        daemon(VectorSupport::warmNativePath, "prunescope-native-warmup");
        daemon(VectorSupport::warmKernels, "prunescope-vector-warmup");
    }

    private static void daemon(Runnable body, String name) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static final java.util.concurrent.atomic.AtomicBoolean WARMING = new java.util.concurrent.atomic.AtomicBoolean();
    private static volatile boolean rowsWarmed;
    private static volatile boolean warmed;

    /**
     * Whether FPGM should use the Vector API Gram kernel now: when it is available and either nobody started a
     * warm-up (tests, the command line: use it straight away, as before) or the warm-up has compiled it. While it
     * is being compiled the plain-Java kernel is used: interpreted, every vector operation allocates, and a fresh
     * process's first FPGM pass took 1.7–2.1 s on ResNet-50 that way, whereas scalar loops compile within
     * milliseconds. (The norms' long loops compile on stack replacement quickly, so they need no such gate.)
     */
    static boolean ready() {
        return AVAILABLE && (warmed || !WARMING.get());
    }

    /** As {@link #ready()} for the Java side of the native Gram path ({@link VectorGramRows}). */
    static boolean gramRowsReady() {
        return AVAILABLE && (rowsWarmed || !WARMING.get());
    }

    /** Whether a warm-up was started and has not finished. */
    static boolean warmingUp() {
        return WARMING.get() && !(warmed && rowsWarmed);
    }

    /** Small problems through the same entry points as real ones, enough times for C2 (about 20k loop trips). */
    private static float[] warmUpRows(int n, int d) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    private static final int WARM_N = 48;
    private static final int WARM_D = 2 * VectorGram.KC + 40;

    /**
     * ONNX Runtime's native library (about 0.4 s the first time: unpacked from the jar, linked, first session), then
     * the Java side of the native Gram path.
     */
    private static void warmNativePath() {
        long t0 = System.nanoTime();
        java.util.Optional<io.prunescope.runtime.NativeGram> engine = io.prunescope.runtime.NativeGram.instance();
        long t1 = System.nanoTime();
        if (AVAILABLE) {
            float[] x = warmUpRows(WARM_N, WARM_D);
            engine.ifPresent(e -> {
                for (int rep = 0; rep < 40; rep++) {
                    NativeGramSums.sums(e, x, WARM_N, WARM_D, false, true);
                }
            });
        }
        rowsWarmed = true;
        log("ONNX Runtime loaded in %.0f ms, gram rows compiled %.0f ms later", t0, t1);
    }

    /** The norm kernels (cheap, and the first heatmap needs them), then the Vector API Gram kernel for small layers. */
    private static void warmKernels() {
        if (!AVAILABLE) {
            warmed = true;
            return;
        }
        long t0 = System.nanoTime();
        float[] x = warmUpRows(WARM_N, WARM_D);
        UnitLayout rows = UnitLayout.of(WeightView.of(x, WARM_N, WARM_D), Granularity.NEURON);
        float[] l1 = new float[WARM_N];
        float[] l2 = new float[WARM_N];
        for (int rep = 0; rep < 40; rep++) {
            NormScores.fillBoth(x, rows, l1, l2, 0, WARM_N);
        }
        long t1 = System.nanoTime();
        for (int rep = 0; rep < 40; rep++) {
            DistanceSums.sums(x, WARM_N, WARM_D, false, true);
        }
        warmed = true;
        log("norm kernels compiled in %.0f ms, gram kernel %.0f ms later", t0, t1);
    }

    private static void log(String format, long t0, long t1) {
        if (Boolean.getBoolean("prunescope.warmup.log")) {
            System.err.printf("warm-up: " + format + "%n", (t1 - t0) / 1e6, (System.nanoTime() - t1) / 1e6);
        }
    }

    static String describe() {
        return AVAILABLE ? "Vector API (" + VectorGram.NR + "-column panels)" : "pure Java (no jdk.incubator.vector)";
    }
}
