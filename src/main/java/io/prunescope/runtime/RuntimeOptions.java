package io.prunescope.runtime;

/**
 * How an {@link InferenceSession} is created.
 *
 * @param intraOpThreads threads ONNX Runtime may use inside one operator. The default is 1: results are
 *                       then reproducible, latency comparisons between an original and a pruned model
 *                       are not distorted by thread scheduling, and the workbench does not take every
 *                       core from the UI. Benchmarks report the value they ran with. 0 lets ONNX Runtime
 *                       choose (one per physical core).
 * @param optimization   graph optimisation level.
 */
public record RuntimeOptions(int intraOpThreads, Optimization optimization) {

    /** ONNX Runtime's graph optimisation levels. */
    public enum Optimization {
        /** No graph rewriting: the graph runs exactly as written. */
        NONE,
        /** Constant folding and redundant-node removal. */
        BASIC,
        /** BASIC plus operator fusions. */
        EXTENDED,
        /** Everything, including layout changes (NCHWc) — the fastest, what a deployment would use. */
        ALL
    }

    public static final RuntimeOptions DEFAULT = new RuntimeOptions(1, Optimization.ALL);

    public RuntimeOptions {
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intraOpThreads must be >= 0 (0 = let ONNX Runtime choose), got " + intraOpThreads);
        }
        if (optimization == null) {
            throw new IllegalArgumentException("optimization must not be null");
        }
    }

    public RuntimeOptions withIntraOpThreads(int threads) {
        return new RuntimeOptions(threads, optimization);
    }

    public RuntimeOptions withOptimization(Optimization level) {
        return new RuntimeOptions(intraOpThreads, level);
    }
}
