package io.prunescope.measure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prunescope.files.BundledAssets;
import io.prunescope.runtime.IdxDataset;
import io.prunescope.runtime.Preprocessing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The trained Fashion-MNIST sample that ships in {@code assets/}: the model, its recorded preprocessing and
 * accuracy, and the 1000-image test subset (the first 1000 official test images).
 *
 * @param recordedAccuracy {@code test_accuracy_subset_1000} from the model's JSON
 */
public record BundledSample(Path model, Path images, Path labels, Preprocessing preprocessing, String inputName,
                            String outputName, double recordedAccuracy, List<String> classes) {

    public static final String MODEL = "models/fashion-resnet.onnx";
    public static final String META = "models/fashion-resnet.json";
    public static final String IMAGES = "data/fashion-mnist-test-1000-images-idx3-ubyte.gz";
    public static final String LABELS = "data/fashion-mnist-test-1000-labels-idx1-ubyte.gz";

    /** The bundled assets folder wherever the program runs from ({@link BundledAssets#locate()}). */
    public static Path defaultAssets() {
        return BundledAssets.locate();
    }

    public static boolean isPresent(Path assets) {
        return Files.isRegularFile(assets.resolve(MODEL)) && Files.isRegularFile(assets.resolve(META))
                && Files.isRegularFile(assets.resolve(IMAGES)) && Files.isRegularFile(assets.resolve(LABELS));
    }

    public static BundledSample fashion(Path assets) {
        Path meta = assets.resolve(META);
        if (!isPresent(assets)) {
            throw new IllegalArgumentException("the bundled Fashion-MNIST sample is not in '" + assets.toAbsolutePath()
                    + "' (expected " + MODEL + ", " + META + ", " + IMAGES + ", " + LABELS + ")");
        }
        try {
            JsonNode m = new ObjectMapper().readTree(meta.toFile());
            JsonNode p = m.get("preprocessing");
            JsonNode shape = m.get("input_shape");
            Preprocessing pre = Preprocessing.of(shape.get(3).asInt(), shape.get(2).asInt())
                    .withGrayscale(shape.get(1).asInt() == 1)
                    .withScale((float) p.get("scale").asDouble())
                    .withNormalization(floats(p.get("mean")), floats(p.get("std")))
                    .withLayout(Preprocessing.Layout.valueOf(p.path("layout").asText("NCHW")));
            List<String> classes = new java.util.ArrayList<>();
            m.path("classes").forEach(c -> classes.add(c.asText()));
            return new BundledSample(assets.resolve(MODEL), assets.resolve(IMAGES), assets.resolve(LABELS), pre,
                    m.get("input").asText(), m.get("output").asText(), m.get("test_accuracy_subset_1000").asDouble(),
                    List.copyOf(classes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + meta + ": " + e.getMessage(), e);
        }
    }

    /** The 1000 labelled test images with the recorded preprocessing. */
    public IdxDataset dataset() {
        return IdxDataset.open(images, labels, preprocessing);
    }

    private static float[] floats(JsonNode array) {
        float[] v = new float[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) array.get(i).asDouble();
        }
        return v;
    }
}
