package io.prunescope.runtime;

import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One model loaded into ONNX Runtime (CPU). Inputs and outputs are exchanged by name as
 * {@link FloatTensor}s, so callers never hold native memory.
 *
 * <p>{@code run} may be called from several threads at once (ONNX Runtime allows it); {@code close}
 * must not race with a run. Outputs that are not float are converted to float where that is
 * meaningful (integers, double, fp16) or left out; {@link #outputNotes()} says which.
 */
public final class InferenceSession implements AutoCloseable {

    /**
     * Fatal only: ONNX Runtime otherwise prints its own coloured warning and error lines straight to stderr, before
     * and besides the message PruneScope makes of the same error (its exceptions carry the text anyway).
     */
    public static final ai.onnxruntime.OrtLoggingLevel LOG_LEVEL = ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;

    private static final OrtEnvironment ENV = environmentFromCachedLibraries();

    private static OrtEnvironment environmentFromCachedLibraries() {
        NativeLibraryCache.prepare();
        return OrtEnvironment.getEnvironment(LOG_LEVEL, "prunescope");
    }

    /** The process's one ONNX Runtime environment (loading it loads the native library). */
    static OrtEnvironment environment() {
        return ENV;
    }

    private final OrtSession session;
    private final RuntimeOptions options;
    private final String modelName;
    private final Map<String, TensorSpec> inputs;
    private final Map<String, TensorSpec> outputs;
    private final Map<String, OnnxJavaType> inputTypes = new LinkedHashMap<>();
    private final List<String> outputNotes = new ArrayList<>();
    private volatile boolean closed;

    private InferenceSession(OrtSession session, RuntimeOptions options, String modelName) throws OrtException {
        this.session = session;
        this.options = options;
        this.modelName = modelName;
        this.inputs = SessionSignature.describe(session.getInputInfo());
        this.outputs = SessionSignature.describe(session.getOutputInfo());
        session.getInputInfo().forEach((name, info) -> inputTypes.put(name,
                info.getInfo() instanceof TensorInfo t ? t.type : OnnxJavaType.UNKNOWN));
        for (TensorSpec out : outputs.values()) {
            SessionSignature.noteOutput(out).ifPresent(outputNotes::add);
        }
    }

    public static InferenceSession open(byte[] model) {
        return open(model, RuntimeOptions.DEFAULT);
    }

    public static InferenceSession open(byte[] model, RuntimeOptions options) {
        if (model == null || model.length == 0) {
            throw new InferenceException("The model is empty (0 bytes); there is nothing to load.");
        }
        return create(options, "the model", opts -> ENV.createSession(model, opts));
    }

    public static InferenceSession open(Path model) {
        return open(model, RuntimeOptions.DEFAULT);
    }

    /**
     * Loads from a file, so ONNX Runtime resolves external-data files next to it. It does not check
     * where those point (see DESIGN.md §8); the {@code onnx} package validates them before this is called.
     */
    public static InferenceSession open(Path model, RuntimeOptions options) {
        if (!Files.isRegularFile(model)) {
            throw new InferenceException("The model file '" + model + "' does not exist or is not a file.");
        }
        return create(options, "the model '" + model.getFileName() + "'",
                opts -> ENV.createSession(model.toString(), opts));
    }

    /**
     * A session that records ONNX Runtime's per-operator profile (SessionOptions.enableProfiling) into a JSON trace
     * whose name starts with {@code profilePrefix}; {@link #endProfiling()} closes the trace and returns its path.
     */
    public static InferenceSession openProfiled(byte[] model, RuntimeOptions options, Path profilePrefix) {
        return create(options, "the model", opts -> {
            opts.enableProfiling(profilePrefix.toString());
            return ENV.createSession(model, opts);
        });
    }

    /** ONNX Runtime's version (the native library's), for keying machine-specific measurements. */
    public static String runtimeVersion() {
        try {
            return ENV.getVersion();
        } catch (RuntimeException | LinkageError e) {
            return String.valueOf(OrtEnvironment.class.getPackage().getImplementationVersion());
        }
    }

    /** Ends the profile started by {@link #openProfiled} and returns the trace file. */
    public Path endProfiling() {
        checkOpen();
        try {
            return Path.of(session.endProfiling());
        } catch (OrtException e) {
            throw OrtErrors.translate(e, "end profiling " + modelName);
        }
    }

    private interface Creator {
        OrtSession create(OrtSession.SessionOptions opts) throws OrtException;
    }

    private static InferenceSession create(RuntimeOptions options, String name, Creator creator) {
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(options.intraOpThreads());
            opts.setInterOpNumThreads(1); // operators run one after another; parallelism is intra-op only
            opts.setSessionLogLevel(LOG_LEVEL);
            opts.setOptimizationLevel(switch (options.optimization()) {
                case NONE -> OrtSession.SessionOptions.OptLevel.NO_OPT;
                case BASIC -> OrtSession.SessionOptions.OptLevel.BASIC_OPT;
                case EXTENDED -> OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
                case ALL -> OrtSession.SessionOptions.OptLevel.ALL_OPT;
            });
            OrtSession s = creator.create(opts);
            try {
                return new InferenceSession(s, options, name);
            } catch (OrtException | RuntimeException e) {
                s.close();
                throw e;
            }
        } catch (OrtException e) {
            throw OrtErrors.translate(e, "load " + name);
        }
    }

    /** The model's inputs in declaration order. */
    public List<TensorSpec> inputs() {
        return List.copyOf(inputs.values());
    }

    /** The model's outputs in declaration order. */
    public List<TensorSpec> outputs() {
        return List.copyOf(outputs.values());
    }

    public List<String> inputNames() {
        return List.copyOf(inputs.keySet());
    }

    public List<String> outputNames() {
        return List.copyOf(outputs.keySet());
    }

    public TensorSpec input(String name) {
        TensorSpec s = inputs.get(name);
        if (s == null) {
            throw new IllegalArgumentException("the model has no input '" + name + "'; inputs: " + inputs.keySet());
        }
        return s;
    }

    public TensorSpec output(String name) {
        TensorSpec s = outputs.get(name);
        if (s == null) {
            throw new IllegalArgumentException("the model has no output '" + name + "'; outputs: " + outputs.keySet());
        }
        return s;
    }

    /** The only input's name; for single-input models (classifiers). */
    public String singleInputName() {
        if (inputs.size() != 1) {
            throw new InferenceException("The model has " + inputs.size() + " inputs " + inputs.keySet()
                    + "; say which one to feed.");
        }
        return inputs.keySet().iterator().next();
    }

    public RuntimeOptions options() {
        return options;
    }

    public int intraOpThreads() {
        return options.intraOpThreads();
    }

    /** What happens to outputs that are not float tensors (converted or left out); empty if all are float. */
    public List<String> outputNotes() {
        return List.copyOf(outputNotes);
    }

    /** Runs the model and returns every numeric output (converted to float) by name, in declaration order. */
    public Map<String, FloatTensor> run(Map<String, FloatTensor> feeds) {
        return run(feeds, outputs.keySet());
    }

    /** Runs the model computing only the named outputs. */
    public Map<String, FloatTensor> run(Map<String, FloatTensor> feeds, Set<String> wanted) {
        for (String w : wanted) {
            output(w);
        }
        try (PreparedInputs prepared = prepare(feeds);
             OrtSession.Result result = session.run(prepared.tensors(), wanted)) {
            Map<String, FloatTensor> out = new LinkedHashMap<>();
            for (Map.Entry<String, OnnxValue> e : result) {
                FloatTensor t = OrtConversions.toFloat(e.getValue());
                if (t != null) {
                    out.put(e.getKey(), t);
                }
            }
            return out;
        } catch (OrtException e) {
            throw OrtErrors.translate(e, "run " + modelName);
        }
    }

    /** For a model with one input: runs it and returns the first numeric output. */
    public FloatTensor run(FloatTensor input) {
        Map<String, FloatTensor> out = run(Map.of(singleInputName(), input));
        if (out.isEmpty()) {
            throw new InferenceException("The model produced no numeric output.");
        }
        return out.values().iterator().next();
    }

    /**
     * Runs in chunks of {@code batchSize} samples along dimension 0 of every input and concatenates the
     * outputs along dimension 0. Keeps memory bounded on large calibration sets; needs a model whose
     * inputs and outputs all have the batch as dimension 0 and a dynamic (or matching) batch dimension.
     */
    public Map<String, FloatTensor> runBatched(Map<String, FloatTensor> feeds, int batchSize,
                                               Progress progress, CancellationToken cancel) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        }
        int n = -1;
        for (Map.Entry<String, FloatTensor> e : feeds.entrySet()) {
            int b = e.getValue().batchSize();
            if (n >= 0 && b != n) {
                throw new InferenceException("Inputs disagree on the number of samples: '" + e.getKey() + "' has "
                        + b + ", another input has " + n + ".");
            }
            n = b;
        }
        if (n < 0) {
            throw new InferenceException("No inputs were given.");
        }
        Map<String, List<FloatTensor>> parts = new LinkedHashMap<>();
        for (int from = 0; from < n; from += batchSize) {
            cancel.throwIfCancelled();
            int to = Math.min(n, from + batchSize);
            Map<String, FloatTensor> chunk = new LinkedHashMap<>();
            for (Map.Entry<String, FloatTensor> e : feeds.entrySet()) {
                chunk.put(e.getKey(), e.getValue().sliceBatch(from, to));
            }
            run(chunk).forEach((name, t) -> parts.computeIfAbsent(name, k -> new ArrayList<>()).add(t));
            progress.report(to, n, "");
        }
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        parts.forEach((name, list) -> out.put(name, FloatTensor.concatBatch(list)));
        return out;
    }

    /**
     * Runs once and returns the actual shape of every tensor output, whatever its element type
     * (non-tensor outputs are left out). Used as a shape-inference fallback by {@link ShapeProbe}.
     */
    public Map<String, long[]> runForShapes(Map<String, FloatTensor> feeds) {
        try (PreparedInputs prepared = prepare(feeds);
             OrtSession.Result result = session.run(prepared.tensors())) {
            Map<String, long[]> shapes = new LinkedHashMap<>();
            for (Map.Entry<String, OnnxValue> e : result) {
                if (e.getValue() instanceof OnnxTensor t) {
                    shapes.put(e.getKey(), t.getInfo().getShape().clone());
                }
            }
            return shapes;
        } catch (OrtException e) {
            throw OrtErrors.translate(e, "run " + modelName);
        }
    }

    /**
     * Copies the inputs into native tensors once, so that timed runs ({@link LatencyBenchmark})
     * measure the model and not the copy. Close the result.
     */
    public PreparedInputs prepare(Map<String, FloatTensor> feeds) {
        checkOpen();
        SessionSignature.validate(feeds, inputs, inputTypes);
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, FloatTensor> e : feeds.entrySet()) {
                tensors.put(e.getKey(), OrtConversions.toOrt(ENV, e.getValue(), inputTypes.get(e.getKey())));
            }
            return new PreparedInputs(tensors);
        } catch (OrtException | RuntimeException e) {
            tensors.values().forEach(OnnxTensor::close);
            if (e instanceof OrtException oe) {
                throw OrtErrors.translate(oe, "create the input tensors");
            }
            throw (RuntimeException) e;
        }
    }

    /** Runs on prepared inputs and throws the outputs away; for timing. */
    public void runDiscardingOutputs(PreparedInputs prepared) {
        checkOpen();
        try (OrtSession.Result ignored = session.run(prepared.tensors())) {
            // outputs are released by closing the result
        } catch (OrtException e) {
            throw OrtErrors.translate(e, "run " + modelName);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the inference session for " + modelName + " is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            session.close();
        } catch (OrtException e) {
            throw OrtErrors.translate(e, "release " + modelName);
        }
    }

    /** Native input tensors made by {@link #prepare}; close to free their memory. */
    public static final class PreparedInputs implements AutoCloseable {
        private final Map<String, OnnxTensor> tensors;

        private PreparedInputs(Map<String, OnnxTensor> tensors) {
            this.tensors = tensors;
        }

        Map<String, OnnxTensor> tensors() {
            return tensors;
        }

        @Override
        public void close() {
            tensors.values().forEach(OnnxTensor::close);
        }
    }
}
