package io.prunescope.detection;

import java.util.List;

/**
 * COCO's bbox figures and val.py's P and R over a data set.
 *
 * @param map50     COCO AP at IoU 0.50, averaged over the classes with labelled instances
 * @param map50to95 COCO AP averaged over IoU 0.50, 0.55 … 0.95 and those classes (COCO's headline "AP")
 * @param precision val.py's P: mean over labelled classes at the confidence that maximises the mean F1
 * @param recall    val.py's R at that confidence
 * @param images    images evaluated
 * @param instances labelled non-crowd objects
 * @param perClass  every class of the model, in class-index order
 */
public record DetectionMetrics(double map50, double map50to95, double precision, double recall, int images,
                               int instances, List<ClassMetrics> perClass) {

    public DetectionMetrics {
        perClass = List.copyOf(perClass);
    }
}
