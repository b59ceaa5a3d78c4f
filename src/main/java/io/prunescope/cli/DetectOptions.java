package io.prunescope.cli;

import io.prunescope.detection.CocoDataset;
import io.prunescope.detection.DetectionDataset;
import io.prunescope.detection.DetectionOptions;
import io.prunescope.detection.NonMaxSuppression;
import io.prunescope.detection.YoloFolderDataset;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Options of {@code evaluate --task detect}: the COCO image folder, letterbox size and val.py's NMS settings. */
final class DetectOptions {

    @Option(names = "--images", paramLabel = "DIR",
            description = "With a COCO annotation .json as --data: the folder of its images (default: the .json's folder).")
    Path images;

    @Option(names = "--imgsz", paramLabel = "S", defaultValue = "0",
            description = "Letterbox size (default: the model's fixed input size; needed when it is dynamic).")
    int imgsz;

    @Option(names = "--conf", paramLabel = "T", defaultValue = "0.001",
            description = "Confidence threshold of NMS (default ${DEFAULT-VALUE}, as val.py).")
    double conf;

    @Option(names = "--iou", paramLabel = "T", defaultValue = "0.6",
            description = "IoU threshold of NMS (default ${DEFAULT-VALUE}, as val.py).")
    double iou;

    @Option(names = "--max-det", paramLabel = "N", defaultValue = "300",
            description = "Detections kept per image (default ${DEFAULT-VALUE}, as val.py; COCO AP reads the best 100).")
    int maxDet;

    @Option(names = "--save-detections", paramLabel = "FILE",
            description = "Write MODEL's detections as a COCO results .json (PRUNED's go to FILE-pruned.json).")
    Path saveDetections;

    @Option(names = "--per-class", description = "Also print AP and P/R for every class.")
    boolean perClass;

    DetectionOptions options() {
        if (imgsz < 0) {
            throw new IllegalArgumentException("--imgsz must be positive, got " + imgsz);
        }
        if (maxDet <= 0) {
            throw new IllegalArgumentException("--max-det must be positive, got " + maxDet);
        }
        if (!(conf >= 0 && conf <= 1) || !(iou >= 0 && iou <= 1)) {
            throw new IllegalArgumentException("--conf and --iou must be between 0 and 1, got " + conf + " and " + iou);
        }
        return DetectionOptions.DEFAULT.withImageSize(imgsz)
                .withNms(NonMaxSuppression.VAL.withConfThreshold(conf).withIouThreshold(iou).withMaxDetections(maxDet));
    }

    /** A COCO annotation file (.json), a data.yaml, or a YOLO folder. */
    DetectionDataset open(String data) {
        if (data == null) {
            throw new IllegalArgumentException("give --data: a data.yaml, a YOLO folder (images/ and labels/), or a COCO"
                    + " annotation .json with --images DIR");
        }
        Path p = Path.of(data);
        if (p.getFileName() != null && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            return CocoDataset.open(p, images);
        }
        if (images != null) {
            throw new IllegalArgumentException("--images goes with a COCO annotation .json; a YOLO data set finds its"
                    + " images through " + (Files.isDirectory(p) ? "its folder" : "its data.yaml"));
        }
        return YoloFolderDataset.open(p);
    }

    /** {@code out/dets.json} → {@code out/dets-pruned.json}. */
    static Path prunedSibling(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        String name = dot > 0 ? n.substring(0, dot) + "-pruned" + n.substring(dot) : n + "-pruned";
        return file.resolveSibling(name);
    }
}
