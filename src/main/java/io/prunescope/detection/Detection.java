package io.prunescope.detection;

/**
 * One detected object.
 *
 * @param image      index of the image in its {@link DetectionDataset}
 * @param classIndex the model's class index (0-based)
 * @param score      confidence, objectness × class probability for YOLOv5
 * @param box        in pixels of the original image
 */
public record Detection(int image, int classIndex, double score, Box box) {
}
