package io.prunescope.measure;

import io.prunescope.detection.DetectionDataset;
import io.prunescope.detection.Letterbox;
import io.prunescope.runtime.CalibrationInputs;
import io.prunescope.runtime.FloatTensor;
import io.prunescope.runtime.InferenceSession;
import io.prunescope.runtime.TensorSpec;
import io.prunescope.session.Workspace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Inputs to run through a model when measuring: random tensors shaped like the open model's inputs. */
public final class Calibration {

    private Calibration() {
    }

    /**
     * {@code samples} seeded random samples per model input, shaped like the workspace's bound input shapes with
     * dimension 0 (the batch) replaced by {@code samples}.
     */
    public static Map<String, FloatTensor> random(Workspace ws, int samples, long seed,
                                                  CalibrationInputs.Distribution distribution) {
        Random rng = new Random(seed);
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : ws.analysis().inputShapes().entrySet()) {
            long[] shape = e.getValue().clone();
            if (shape.length == 0) {
                throw new IllegalArgumentException("input '" + e.getKey() + "' is a scalar; it has no batch dimension");
            }
            shape[0] = samples;
            float[] data = new float[Math.toIntExact(FloatTensor.product(shape))];
            for (int i = 0; i < data.length; i++) {
                data[i] = distribution == CalibrationInputs.Distribution.NORMAL ? (float) rng.nextGaussian()
                        : rng.nextFloat();
            }
            out.put(e.getKey(), new FloatTensor(data, shape));
        }
        return out;
    }

    /** One input tensor fed to the model's only input. */
    public static Map<String, FloatTensor> single(Workspace ws, FloatTensor inputs) {
        if (ws.analysis().inputShapes().size() != 1) {
            throw new IllegalArgumentException("the model has " + ws.analysis().inputShapes().size()
                    + " inputs; image data can feed only a single-input model");
        }
        return Map.of(ws.analysis().inputShapes().keySet().iterator().next(), inputs);
    }

    /**
     * A detector's calibration inputs: the first {@code limit} images of {@code data} letterboxed (grey 114, RGB / 255)
     * to the workspace's bound input height × width, as one {@code [N, 3, H, W]} tensor fed to the only input.
     */
    public static Map<String, FloatTensor> letterboxed(Workspace ws, DetectionDataset data, int limit) {
        long[] shape = ws.analysis().inputShapes().values().iterator().next();
        if (shape.length != 4 || shape[2] <= 0 || shape[3] <= 0) {
            throw new IllegalArgumentException("the model's input is not a bound image tensor [N, 3, H, W]: "
                    + java.util.Arrays.toString(shape));
        }
        Letterbox box = new Letterbox((int) shape[3], (int) shape[2]);
        int n = limit <= 0 ? data.size() : Math.min(limit, data.size());
        List<FloatTensor> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            parts.add(box.apply(data.image(i)).input());
        }
        return single(ws, FloatTensor.concatBatch(parts));
    }

    /** The batch size to run with: the model's fixed batch dimension if it has one, else {@code preferred}. */
    public static int batchSize(InferenceSession session, int preferred) {
        int fixed = -1;
        for (TensorSpec s : session.inputs()) {
            if (s.shapeKnown() && s.shape().length > 0 && s.shape()[0] > 0) {
                fixed = (int) s.shape()[0];
            }
        }
        return fixed > 0 ? fixed : preferred;
    }

    /** The first sample of every input: what latency is timed on (batch 1). */
    public static Map<String, FloatTensor> first(Map<String, FloatTensor> inputs, int batch) {
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        inputs.forEach((k, v) -> out.put(k, v.sliceBatch(0, Math.min(batch, v.batchSize()))));
        return out;
    }

    /** A short digest of the calibration inputs (names, shapes, values), for cache keys. */
    public static String identity(Map<String, FloatTensor> inputs) {
        java.security.MessageDigest d = Datasets.sha256();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8);
        new java.util.TreeMap<>(inputs).forEach((name, t) -> {
            d.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (long dim : t.shape()) {
                d.update(b.clear().putLong(dim).array());
            }
            for (float v : t.data()) {
                d.update(b.clear().putInt(Float.floatToIntBits(v)).array(), 0, 4);
            }
        });
        return java.util.HexFormat.of().formatHex(d.digest()).substring(0, 16);
    }
}
