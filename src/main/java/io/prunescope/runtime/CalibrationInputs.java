package io.prunescope.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Inputs for fidelity checks and activation statistics when no labelled data is at hand: seeded random
 * tensors shaped like the model's inputs, or the images of a folder.
 */
public final class CalibrationInputs {

    public enum Distribution {
        /** Standard normal N(0, 1): the range of normalised image inputs. */
        NORMAL,
        /** Uniform in [0, 1): the range of images scaled by 1/255. */
        UNIFORM
    }

    private CalibrationInputs() {
    }

    /**
     * One random tensor per model input. Dynamic dimensions take their value from {@code dimValues}:
     * by symbolic name ("batch"), or for an anonymous dimension by {@code "<input>:<axis>"} ("images:0").
     * A dynamic dimension without a value is an error, never silently 1.
     * The same seed gives the same tensors (java.util.Random's algorithm is fixed by its specification).
     */
    public static Map<String, FloatTensor> random(List<TensorSpec> inputs, Map<String, Long> dimValues,
                                                  long seed, Distribution distribution) {
        Random rng = new Random(seed);
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        for (TensorSpec spec : inputs) {
            long[] shape = concreteShape(spec, dimValues);
            float[] data = new float[Math.toIntExact(FloatTensor.product(shape))];
            for (int i = 0; i < data.length; i++) {
                data[i] = distribution == Distribution.NORMAL ? (float) rng.nextGaussian() : rng.nextFloat();
            }
            out.put(spec.name(), new FloatTensor(data, shape));
        }
        return out;
    }

    public static Map<String, FloatTensor> random(InferenceSession session, Map<String, Long> dimValues,
                                                  long seed, Distribution distribution) {
        return random(session.inputs(), dimValues, seed, distribution);
    }

    /** The declared shape with every dynamic dimension replaced from {@code dimValues}. */
    public static long[] concreteShape(TensorSpec spec, Map<String, Long> dimValues) {
        if (!spec.shapeKnown()) {
            throw new InferenceException("Input '" + spec.name() + "' declares no shape; calibration inputs cannot be made for it.");
        }
        long[] shape = spec.shape().clone();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] >= 0) {
                continue;
            }
            String byName = spec.dimNames()[i];
            String byAxis = spec.name() + ":" + i;
            Long v = !byName.isEmpty() && dimValues.containsKey(byName) ? dimValues.get(byName) : dimValues.get(byAxis);
            if (v == null || v <= 0) {
                missing.add(byName.isEmpty() ? "axis " + i + " (key \"" + byAxis + "\")" : "'" + byName + "' (axis " + i + ")");
            } else {
                shape[i] = v;
            }
        }
        if (!missing.isEmpty()) {
            throw new InferenceException("Input '" + spec.name() + "' " + spec.shapeText() + " has dynamic dimensions "
                    + "without a value: " + String.join(", ", missing) + ". Give each a positive size.");
        }
        return shape;
    }

    /** Every image directly in {@code folder} (sorted by name), preprocessed into one batch tensor. */
    public static FloatTensor fromImageFolder(Path folder, Preprocessing preprocessing) {
        ImageFolderDataset images = ImageFolderDataset.unlabelled(folder, preprocessing);
        return images.batch(0, images.size()).inputs();
    }
}
