package io.prunescope.runtime;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** Labelled samples that can be read in batches, in a fixed order. */
public interface Dataset {

    int size();

    /** Number of classes the labels refer to (labels are 0 … numClasses − 1). */
    int numClasses();

    /** Class names by index, when the data set knows them (folder names); empty otherwise. */
    List<String> classNames();

    /** Shape of one sample, without the batch dimension. */
    long[] sampleShape();

    /** Samples {@code [from, to)}. */
    Batch batch(int from, int to);

    /** All samples in batches of {@code batchSize} (the last one may be smaller), read lazily. */
    default Iterable<Batch> batches(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        }
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size();
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int to = Math.min(size(), next + batchSize);
                Batch b = batch(next, to);
                next = to;
                return b;
            }
        };
    }
}
