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

    /** The first {@code limit} images of {@code data}; {@code limit <= 0} or beyond the size means all. */
    static DetectionDataset first(DetectionDataset data, int limit) {
        if (limit <= 0 || limit >= data.size()) {
            return data;
        }
        return new DetectionDataset() {
            @Override
            public int size() {
                return limit;
            }

            @Override
            public List<String> classNames() {
                return data.classNames();
            }

            @Override
            public boolean classesDeclared() {
                return data.classesDeclared();
            }

            @Override
            public Object imageId(int i) {
                return data.imageId(check(i));
            }

            @Override
            public Path imageFile(int i) {
                return data.imageFile(check(i));
            }

            @Override
            public Pixels image(int i) {
                return data.image(check(i));
            }

            @Override
            public List<GroundTruth> groundTruths(int i) {
                return data.groundTruths(check(i));
            }

            @Override
            public long categoryId(int classIndex) {
                return data.categoryId(classIndex);
            }

            private int check(int i) {
                if (i < 0 || i >= limit) {
                    throw new IndexOutOfBoundsException("image " + i + " of " + limit);
                }
                return i;
            }
        };
    }
}
