package io.prunescope.prune.criteria;

import io.prunescope.runtime.NativeDistanceSums;

import java.util.Optional;

/**
 * FPGM in a fresh process: while the warm-up is still compiling the Java side of the blocked Gram path, a small layer
 * ({@link #MAX_WORK}) is computed whole by ONNX Runtime ({@link NativeDistanceSums}), which needs no JIT. Its Java alternatives would run interpreted or in C1's code then: a command that scores a model
 * right after reading it (YOLOv5s, 2 cores) spent most of its first pass there.
 *
 * <p>A layer with a near pair of different filters (where the Gram form cancels) is left to the other paths, which
 * recompute such pairs directly ({@link NearPairs}); so is everything once the warm-up has finished or when no
 * warm-up was started (tests, where each path is checked on its own).
 */
final class FirstPass {

    private FirstPass() {
    }

    /**
     * Largest n²·d (the whole square's multiply-adds) sent here, about 2 ms of one core. The whole square costs twice
     * the blocked path's GEMM; that pays only where the blocked path's Java side (centring n·d values, n²/2 distances),
     * slow before it is compiled, weighs as much as the GEMM: small layers and short filters. Measured on a fresh
     * process (2 cores, busy): with every layer up to 1,024 rows here, ResNet-50's first pass took 1.1–1.5 s against
     * 0.45–0.67 s with this limit, and YOLOv5s's 220–420 ms against 190–230.
     */
    static final long MAX_WORK = 1L << 26;

    static boolean suits(int n, int d) {
        return n >= 16 && n <= NativeDistanceSums.MAX_ROWS && (long) n * n * d <= MAX_WORK && VectorSupport.warmingUp()
                && !VectorSupport.gramRowsReady();
    }

    /** The sums, or null when the layer must go another way (no runtime, a near pair, a runtime failure). */
    static double[] sums(float[] x, int n, int d) {
        // Waits while the warm-up is loading the library: in a fresh process that is sooner than the Java kernels.
        Optional<NativeDistanceSums> engine = NativeDistanceSums.instance(NearPairs.NEAR);
        if (engine.isEmpty()) {
            return null;
        }
        return compute(engine.get(), x, n, d);
    }

    /** One layer through {@code engine}; null if it has near pairs or the runtime fails. */
    static double[] compute(NativeDistanceSums engine, float[] x, int n, int d) {
        try {
            NativeDistanceSums.Result r = engine.sums(x, n, d);
            return r.hasNearPairs() ? null : r.sums();
        } catch (IllegalStateException | OutOfMemoryError e) {
            return null;
        }
    }
}
