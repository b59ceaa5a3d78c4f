package io.prunescope.runtime;

import io.prunescope.onnx.DistanceSumsModel;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Optional;

/**
 * One layer's FPGM distance sums computed whole by ONNX Runtime ({@link DistanceSumsModel}): no Java loop touches the
 * weights or the n² distances, so a fresh process runs it at full speed while the JIT is still compiling the Java
 * kernels. Twice the multiply-adds of the blocked path ({@link NativeGram}), and n² doubles of memory per step, so
 * the callers use it for a first pass and for layers of at most {@link #MAX_ROWS} rows.
 *
 * <p>Thread-safe: one single-threaded session, run concurrently by the criteria pool's threads (one layer each).
 */
public final class NativeDistanceSums {

    /** n² doubles per intermediate: 8 MB each at 1,024 rows. */
    public static final int MAX_ROWS = 1024;

    private static volatile Optional<NativeDistanceSums> instance;

    private final OrtEnvironment env;
    private final OrtSession session;
    private final DirectFloats buffers = new DirectFloats();
    private final double near;

    private NativeDistanceSums(OrtEnvironment env, OrtSession session, double near) {
        this.env = env;
        this.session = session;
        this.near = near;
    }

    /**
     * The shared engine for the near-pair threshold {@code near}, created on first use (a few milliseconds once ONNX
     * Runtime has loaded); empty where ONNX Runtime does not load or {@code prunescope.gram=java}. The process has one
     * threshold (the criteria's); asking for another is a programming error.
     */
    public static Optional<NativeDistanceSums> instance(double near) {
        Optional<NativeDistanceSums> i = instance;
        if (i == null) {
            synchronized (NativeDistanceSums.class) {
                i = instance;
                if (i == null) {
                    i = create(near);
                    instance = i;
                }
            }
        }
        if (i.isPresent() && i.get().near != near) {
            throw new IllegalArgumentException("the distance model was made for the threshold " + i.get().near
                    + ", not " + near);
        }
        return i;
    }

    /** The engine if it has been created already, without waiting for it. */
    public static Optional<NativeDistanceSums> ifLoaded() {
        Optional<NativeDistanceSums> i = instance;
        return i == null ? Optional.empty() : i;
    }

    private static Optional<NativeDistanceSums> create(double near) {
        if (NativeGram.instance().isEmpty()) {
            return Optional.empty(); // same conditions: property, library
        }
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(1);
            opts.setInterOpNumThreads(1);
            // The arena would keep the largest layer's n² intermediates for the life of the process.
            opts.setCPUArenaAllocator(false);
            OrtEnvironment env = InferenceSession.environment();
            return Optional.of(new NativeDistanceSums(env, env.createSession(DistanceSumsModel.bytes(near), opts), near));
        } catch (OrtException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** The sums and how many pairs (i, j), the n diagonal ones included, the model left out as near. */
    public record Result(double[] sums, long nearPairs) {

        /** Whether a pair of different rows was near: then the sums lack it and must be computed another way. */
        public boolean hasNearPairs() {
            return nearPairs > sums.length;
        }
    }

    /**
     * The sums for the n×d row-major {@code x}.
     *
     * @throws IllegalStateException if ONNX Runtime fails (out of memory); the message says so
     */
    public Result sums(float[] x, int n, int d) {
        FloatBuffer rows = buffers.take(Math.multiplyExact(n, d));
        rows.put(0, x, 0, n * d);
        try (OnnxTensor input = OnnxTensor.createTensor(env, rows, new long[] {n, d});
             OrtSession.Result out = session.run(Map.of(DistanceSumsModel.ROWS, input))) {
            double[] sums = (double[]) out.get(DistanceSumsModel.SUMS).orElseThrow().getValue();
            long near = (Long) out.get(DistanceSumsModel.NEAR_PAIRS).orElseThrow().getValue();
            return new Result(sums, near);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not compute the distances of a " + n + "×" + d
                    + " layer: " + e.getMessage(), e);
        } finally {
            buffers.give(rows);
        }
    }
}
