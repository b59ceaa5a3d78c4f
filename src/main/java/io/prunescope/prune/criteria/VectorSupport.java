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

    /** Starts compiling the kernels ahead of need on background threads: see {@link KernelWarmUp}. Idempotent. */
    static void prewarm() {
        KernelWarmUp.start();
    }

    /**
     * Whether FPGM should use the Vector API Gram kernel now: when it is available and either nobody started a
     * warm-up (tests, the command line: use it straight away, as before) or the warm-up has compiled it. While it
     * is being compiled the plain-Java kernel is used: interpreted, every vector operation allocates, and a fresh
     * process's first FPGM pass took 1.7–2.1 s on ResNet-50 that way, whereas scalar loops compile within
     * milliseconds.
     */
    static boolean ready() {
        return AVAILABLE && KernelWarmUp.done(KernelWarmUp.Kernel.GRAM);
    }

    /**
     * As {@link #ready()} for the norm kernel ({@link VectorNorms}). Its loop runs once per unit over a few hundred
     * values, so it compiles by invocation count, not on stack replacement: interpreted until then, the first L1+L2
     * pass over YOLOv5s took 230–340 ms in a fresh process, where the scalar loops take a few tens.
     */
    static boolean normsReady() {
        return AVAILABLE && KernelWarmUp.done(KernelWarmUp.Kernel.NORMS);
    }

    /** As {@link #ready()} for the Java side of the native Gram path ({@link VectorGramRows}). */
    static boolean gramRowsReady() {
        return AVAILABLE && KernelWarmUp.done(KernelWarmUp.Kernel.GRAM_ROWS);
    }

    /** Whether a warm-up was started and has not finished. */
    static boolean warmingUp() {
        return KernelWarmUp.running();
    }

    static String describe() {
        return AVAILABLE ? "Vector API (" + VectorGram.NR + "-column panels)" : "pure Java (no jdk.incubator.vector)";
    }
}
