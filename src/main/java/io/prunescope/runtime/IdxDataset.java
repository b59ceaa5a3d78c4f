package io.prunescope.runtime;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * An MNIST-style data set: an IDX image file [count, rows, cols] and an IDX label file [count]
 * (plain or gzip). Loaded fully into memory (60,000 MNIST images are 47 MB); each batch is
 * preprocessed when read, normally with {@code grayscale = true}.
 */
public final class IdxDataset implements Dataset {

    private final IdxFile images;
    private final int[] labels;
    private final int numClasses;
    private final Preprocessing preprocessing;

    private IdxDataset(IdxFile images, int[] labels, Preprocessing preprocessing) {
        this.images = images;
        this.labels = labels;
        this.numClasses = Arrays.stream(labels).max().orElse(-1) + 1;
        this.preprocessing = preprocessing;
    }

    public static IdxDataset open(Path imageFile, Path labelFile, Preprocessing preprocessing) {
        IdxFile img = IdxFile.read(imageFile, 3, "image file (--data)");
        IdxFile lab = IdxFile.read(labelFile, 1, "label file (--labels)");
        if (img.dims().length != 3) {
            throw new DatasetException("'" + imageFile.getFileName() + "' has " + img.dims().length
                    + " dimension(s); an IDX image file has 3 (count, rows, columns)."
                    + (img.dims().length == 1 ? " Were the image and label files swapped?" : ""));
        }
        if (lab.dims().length != 1) {
            throw new DatasetException("'" + labelFile.getFileName() + "' has " + lab.dims().length
                    + " dimensions; an IDX label file has 1 (count)."
                    + (lab.dims().length == 3 ? " Were the image and label files swapped?" : ""));
        }
        if (img.dims()[0] != lab.dims()[0]) {
            throw new DatasetException("'" + imageFile.getFileName() + "' holds " + img.dims()[0] + " images but '"
                    + labelFile.getFileName() + "' holds " + lab.dims()[0] + " labels.");
        }
        int[] labels = new int[lab.data().length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = lab.data()[i] & 0xFF;
        }
        return new IdxDataset(img, labels, preprocessing);
    }

    /** An IDX image file without labels (every label -1): calibration inputs. */
    public static IdxDataset unlabelled(Path imageFile, Preprocessing preprocessing) {
        IdxFile img = IdxFile.read(imageFile, 3, "calibration image file");
        if (img.dims().length != 3) {
            throw new DatasetException("'" + imageFile.getFileName() + "' has " + img.dims().length
                    + " dimension(s); an IDX image file has 3 (count, rows, columns).");
        }
        int[] labels = new int[img.dims()[0]];
        Arrays.fill(labels, -1);
        return new IdxDataset(img, labels, preprocessing);
    }

    public int imageWidth() {
        return images.dims()[2];
    }

    public int imageHeight() {
        return images.dims()[1];
    }

    public Preprocessing preprocessing() {
        return preprocessing;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    @Override
    public List<String> classNames() {
        return List.of();
    }

    @Override
    public long[] sampleShape() {
        return preprocessing.sampleShape();
    }

    @Override
    public Batch batch(int from, int to) {
        int w = imageWidth();
        int h = imageHeight();
        return ImagePreprocessor.batch(from, to, labels, preprocessing,
                i -> Pixels.gray(w, h, images.data(), i * w * h));
    }
}
