package io.prunescope.detection;

/**
 * One labelled object.
 *
 * @param classIndex the model's class index (0-based)
 * @param box        in pixels of the original image
 * @param crowd      COCO's {@code iscrowd}: the box covers a crowd of objects; detections on it are neither
 *                   rewarded nor punished, and it does not count as an instance to find
 */
public record GroundTruth(int classIndex, Box box, boolean crowd) {

    public GroundTruth {
        if (classIndex < 0) {
            throw new IllegalArgumentException("class index must not be negative, got " + classIndex);
        }
    }

    public static GroundTruth of(int classIndex, Box box) {
        return new GroundTruth(classIndex, box, false);
    }
}
