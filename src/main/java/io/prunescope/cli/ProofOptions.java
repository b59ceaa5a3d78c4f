package io.prunescope.cli;

import io.prunescope.measure.Datasets;
import io.prunescope.prune.ProofInputs;
import io.prunescope.runtime.FloatTensor;
import io.prunescope.runtime.IdxDataset;
import io.prunescope.runtime.ImageFolderDataset;
import io.prunescope.runtime.Preprocessing;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** What the export proof of {@code prune} runs the models on: the user's images, else synthetic image-like inputs. */
final class ProofOptions {

    static final int SYNTHETIC_SAMPLES = 2;

    @Option(names = "--calibration", paramLabel = "DIR|IDX",
            description = "Images to prove the export on (a folder of images, or an IDX image file), resized to the"
                    + " model's input and scaled to [0, 1]. Default: synthetic image-like inputs.")
    Path calibration;

    @Option(names = "--calibration-limit", paramLabel = "N", defaultValue = "8",
            description = "How many calibration images the proof runs (default ${DEFAULT-VALUE}).")
    int limit;

    ProofInputs inputs(Map<String, long[]> inputShapes) {
        if (calibration == null) {
            return ProofInputs.synthetic(inputShapes, SYNTHETIC_SAMPLES, 1);
        }
        if (inputShapes.size() != 1) {
            throw new BadInput("--calibration feeds a single-input model; this one has " + inputShapes.size());
        }
        String input = inputShapes.keySet().iterator().next();
        long[] shape = inputShapes.get(input);
        if (shape.length != 4) {
            throw new BadInput("--calibration needs an image input [N, C, H, W]; '" + input + "' is rank "
                    + shape.length);
        }
        Preprocessing p = Preprocessing.of((int) shape[3], (int) shape[2]).withGrayscale(shape[1] == 1);
        FloatTensor images = Datasets.inputs(Datasets.limit(Files.isDirectory(calibration)
                ? ImageFolderDataset.unlabelled(calibration, p) : IdxDataset.unlabelled(calibration, p), limit));
        return ProofInputs.calibration(inputShapes, Map.of(input, images), limit);
    }
}
