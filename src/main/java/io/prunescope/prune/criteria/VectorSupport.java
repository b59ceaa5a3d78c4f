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
     * other core meanwhile. Idempotent and cheap to call; does nothing without the module.
     */
    static void prewarm() {
        if (!AVAILABLE || WARMING.getAndSet(true)) {
            return;
        }
        Thread t = new Thread(VectorSupport::warm, "prunescope-vector-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static final java.util.concurrent.atomic.AtomicBoolean WARMING = new java.util.concurrent.atomic.AtomicBoolean();

    /** Small problems through the same entry points as real ones, enough times for C2 (about 20k loop trips). */
    private static void warm() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        int n = 48;
        int d = 2 * VectorGram.KC + 40;
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        UnitLayout rows = UnitLayout.of(WeightView.of(x, n, d), Granularity.NEURON);
        float[] l1 = new float[n];
        float[] l2 = new float[n];
        for (int rep = 0; rep < 40; rep++) {
            DistanceSums.sums(x, n, d, false, true);
            NormScores.fillBoth(x, rows, l1, l2, 0, n);
        }
    }

    static String describe() {
        return AVAILABLE ? "Vector API (" + VectorGram.NR + "-column panels)" : "pure Java (no jdk.incubator.vector)";
    }
}
