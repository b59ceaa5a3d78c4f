package io.prunescope.detection;

/**
 * One class's figures; NaN where the class has no labelled instance (COCO leaves such a class out of the means).
 *
 * @param images    images with at least one labelled (non-crowd) instance of the class
 * @param instances labelled non-crowd instances
 * @param precision val.py's P at the confidence chosen for all classes (see {@link ValPrecisionRecall})
 * @param recall    val.py's R at that confidence
 */
public record ClassMetrics(int classIndex, String name, int images, int instances, double ap50, double ap50to95,
                           double precision, double recall) {
}
