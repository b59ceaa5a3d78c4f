package io.prunescope.runtime;

import io.prunescope.onnx.GramModel;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Optional;

/**
 * Blocks of the Gram matrix X·Xᵀ computed by ONNX Runtime's GEMM, for FPGM's distance sums.
 *
 * <p>Why ONNX Runtime: its CPU GEMM (MLAS) has hand-tuned kernels per instruction set and reaches about 40 G
 * multiply-adds/s per core on this project's AVX2 machine, twice the best Java Vector API kernel we wrote, and it
 * needs no warm-up (a fresh process runs at full speed, where Java kernels wait for the JIT). The library is already
 * shipped for measuring models, so this costs nothing more to install. Maven Central has no BLAS that runs
 * natively without adding platform binaries of its own.
 *
 * <p>Shape of the work: the caller's rows (FPGM centres them first) are copied once into native memory, from a
 * small pool of reused buffers. Each call multiplies the rows [r0, n) by a narrow block of rows [r0, r1) — the part
 * of the lower triangle the block needs — with both operands views into that one copy. Sessions run single-threaded:
 * callers run blocks in parallel themselves, which also parallelises the Java work that turns products into
 * distances.
 *
 * <p>Thread-safe: ONNX Runtime allows concurrent runs of one session; each call has its own output.
 */
public final class NativeGram {

    private static volatile Optional<NativeGram> instance;

    private final OrtSession session;
    private final OrtEnvironment env;
    private final DirectFloats buffers = new DirectFloats();

    private NativeGram(OrtEnvironment env, OrtSession session) {
        this.env = env;
        this.session = session;
    }

    /**
     * The shared engine, created on first use; empty when ONNX Runtime's native library cannot be loaded on this
     * machine (the callers then use their Java kernels). The property {@code prunescope.gram=java} turns it off.
     */
    public static Optional<NativeGram> instance() {
        Optional<NativeGram> i = instance;
        if (i == null) {
            synchronized (NativeGram.class) {
                i = instance;
                if (i == null) {
                    i = create();
                    instance = i;
                }
            }
        }
        return i;
    }

    /**
     * The engine if it has been created already, without waiting for (or starting) its creation: while a warm-up
     * thread is still loading ONNX Runtime, callers use their Java kernels rather than wait for it.
     */
    public static Optional<NativeGram> ifLoaded() {
        Optional<NativeGram> i = instance;
        return i == null ? Optional.empty() : i;
    }

    private static Optional<NativeGram> create() {
        if ("java".equals(System.getProperty("prunescope.gram"))) {
            return Optional.empty();
        }
        // The environment first: it points ONNX Runtime at the unpacked libraries before any of its classes loads.
        OrtEnvironment env;
        try {
            env = InferenceSession.environment();
        } catch (LinkageError e) {
            return Optional.empty();
        }
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(1);
            opts.setInterOpNumThreads(1);
            OrtSession session = env.createSession(GramModel.bytes(), opts);
            return Optional.of(new NativeGram(env, session));
        } catch (OrtException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** "ONNX Runtime GEMM", for benchmark and log lines. */
    public static String describe() {
        return "ONNX Runtime " + OrtEnvironment.getEnvironment().getVersion() + " GEMM";
    }

    /** Writes row i of the matrix to be multiplied into {@code out} (length d). */
    public interface RowSource {
        void row(int i, float[] out);
    }

    /**
     * Copies the n×d matrix whose rows {@code rows} writes, row by row in order, into native memory for block
     * products. Close the result to hand the memory back.
     */
    public Matrix load(int n, int d, RowSource rows) {
        FloatBuffer copy = buffers.take(Math.multiplyExact(n, d));
        float[] row = new float[d];
        for (int i = 0; i < n; i++) {
            rows.row(i, row);
            copy.put(i * d, row);
        }
        return new Matrix(copy, n, d);
    }

    /** X in native memory. */
    public final class Matrix implements AutoCloseable {

        private final FloatBuffer data;
        private final int n;
        private final int d;

        private Matrix(FloatBuffer data, int n, int d) {
            this.data = data;
            this.n = n;
            this.d = d;
        }

        /**
         * The block of columns [r0, r1) of X·Xᵀ from row r0 down: {@code out[(j − r0)·m + (i − r0)] = x_j · x_i} for
         * j in [r0, n), i in [r0, r1), m = r1 − r0 — the part of the lower triangle the block's rows meet (with the
         * block's own square, of which the caller uses half).
         *
         * <p>Why this shape and not the block's rows times the rows after it (the same numbers, transposed): with the
         * many rows as GEMM's left operand and the narrow block (16–64 rows) as its right one, MLAS packs only the
         * narrow operand and streams the wide one once; measured on this project's AVX2 machine, one core, blocks of
         * 16–64 ran at 34–37 G multiply-adds/s against 31–34 for the transposed form, and narrow blocks need less of
         * the square (52 % of a 512-row layer at 16 rows, against 63 % at 128).
         *
         * @throws IllegalStateException if ONNX Runtime fails (out of memory); the message says so
         */
        public void blockColumns(int r0, int r1, float[] out) {
            int m = r1 - r0;
            int rows = n - r0;
            FloatBuffer product = buffers.take(Math.multiplyExact(m, rows));
            try (OnnxTensor a = OnnxTensor.createTensor(env, rows(r0, n), new long[] {rows, d});
                 OnnxTensor b = OnnxTensor.createTensor(env, rows(r0, r1), new long[] {m, d});
                 OnnxTensor y = OnnxTensor.createTensor(env, product, new long[] {rows, m});
                 OrtSession.Result ignored = session.run(Map.of(GramModel.LEFT, a, GramModel.RIGHT, b),
                         Map.of(GramModel.PRODUCT, y))) {
                product.get(0, out, 0, m * rows);
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime could not multiply a " + m + "×" + d + " block of filters: "
                        + e.getMessage(), e);
            } finally {
                buffers.give(product);
            }
        }

        /** A view of rows [from, to): no copy, ONNX Runtime reads the direct buffer in place. */
        private FloatBuffer rows(int from, int to) {
            return data.slice(from * d, (to - from) * d);
        }

        @Override
        public void close() {
            buffers.give(data);
        }
    }
}
