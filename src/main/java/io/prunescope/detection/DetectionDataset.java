package io.prunescope.detection;

import io.prunescope.runtime.Pixels;

import java.nio.file.Path;
import java.util.List;

/**
 * Images with labelled boxes, for evaluating a detector. Image {@code i} is read when asked for, so a data set of
 * thousands of images costs nothing until it is evaluated.
 */
public interface DetectionDataset {

    int size();

    /** Name of every model class index, in order. */
    List<String> classNames();

    /**
     * True when the class names come from the data set's description (data.yaml, COCO categories); false when
     * they were only inferred from the labels seen, so the model may know more classes than the labels use.
     */
    default boolean classesDeclared() {
        return true;
    }

    /** The image's id in COCO results: a {@link Long} or a {@link String}. */
    Object imageId(int i);

    /** The image file, for identities and messages. */
    Path imageFile(int i);

    /** The original image, full size. */
    Pixels image(int i);

    /** The labelled objects of image {@code i}, boxes in pixels of the original image. */
    List<GroundTruth> groundTruths(int i);

    /** The category id written to COCO results for a model class index; the index itself unless mapped. */
    default long categoryId(int classIndex) {
        return classIndex;
    }
}
