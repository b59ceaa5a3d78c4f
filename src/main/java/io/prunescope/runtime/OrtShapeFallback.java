package io.prunescope.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.prunescope.analysis.ShapeFallback;
import io.prunescope.model.ModelEdit;
import io.prunescope.model.Shapes;
import io.prunescope.onnx.OnnxDocument;
import io.prunescope.onnx.OnnxWriter;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A {@link ShapeFallback} backed by ONNX Runtime: the wanted tensors are added as extra graph outputs, the model is
 * run once on all-zero inputs of the bound shapes, and the shapes of what comes out are read.
 * <p>
 * It lives in {@code runtime} so that {@code analysis} never imports ONNX Runtime: analysis sees only the
 * {@link ShapeFallback} interface, and the composition roots (session, CLI) hand this implementation in.
 * Data-dependent shapes (NonZero, NonMaxSuppression) are those of the zero input.
 */
public final class OrtShapeFallback implements ShapeFallback {

    private final OnnxDocument document;

    public OrtShapeFallback(OnnxDocument document) {
        this.document = document;
    }

    @Override
    public Map<String, long[]> probe(Map<String, long[]> inputShapes, Collection<String> tensors) throws OrtException {
        Map<String, long[]> out = new LinkedHashMap<>();
        if (tensors.isEmpty()) {
            return out;
        }
        ModelEdit edit = new ModelEdit();
        Set<String> wanted = new LinkedHashSet<>(tensors);
        for (String t : wanted) {
            if (!document.model().graph().isGraphOutput(t)) {
                edit.addOutput(t);
            }
        }
        byte[] bytes = new OnnxWriter().toBytes(document, edit);
        OrtEnvironment env = InferenceSession.environment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setSessionLogLevel(io.prunescope.runtime.InferenceSession.LOG_LEVEL);
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            opts.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(bytes, opts)) {
                Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
                try {
                    for (Map.Entry<String, NodeInfo> e : session.getInputInfo().entrySet()) {
                        long[] shape = inputShapes.get(e.getKey());
                        if (shape == null || !(e.getValue().getInfo() instanceof TensorInfo ti)) {
                            throw new IllegalArgumentException("no shape for input '" + e.getKey() + "'");
                        }
                        feeds.put(e.getKey(), zeros(env, ti.type, shape));
                    }
                    Set<String> names = new LinkedHashSet<>(wanted);
                    names.retainAll(session.getOutputNames());
                    try (OrtSession.Result result = session.run(feeds, names)) {
                        for (Map.Entry<String, OnnxValue> e : result) {
                            if (e.getValue().getInfo() instanceof TensorInfo ti) {
                                out.put(e.getKey(), ti.getShape());
                            }
                        }
                    }
                } finally {
                    feeds.values().forEach(OnnxTensor::close);
                }
            }
        }
        return out;
    }

    private static OnnxTensor zeros(OrtEnvironment env, OnnxJavaType type, long[] shape) throws OrtException {
        int n = Math.toIntExact(Shapes.numel(shape));
        int size = switch (type) {
            case DOUBLE, INT64 -> 8;
            case FLOAT, INT32 -> 4;
            case FLOAT16, BFLOAT16, INT16 -> 2;
            default -> 1;
        };
        ByteBuffer buf = ByteBuffer.allocateDirect(n * size).order(java.nio.ByteOrder.nativeOrder());
        return OnnxTensor.createTensor(env, buf, shape, type);
    }
}
