package io.prunescope.detection;

import io.prunescope.runtime.DatasetException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Image ids as YOLOv5's val.py writes them, the order pycocotools evaluates images in, and image sizes. */
final class ImageIds {

    private ImageIds() {
    }

    /**
     * val.py's {@code int(stem) if stem.isnumeric() else stem}: a stem of ASCII digits is a number ("000123" is
     * 123), anything else stays text. A digit string too long for a {@code long} stays text.
     */
    static Object fromStem(String stem) {
        if (!stem.isEmpty() && stem.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Long.parseLong(stem);
            } catch (NumberFormatException e) {
                return stem;
            }
        }
        return stem;
    }

    static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /**
     * Indices of {@code data}'s images sorted by image id: numbers ascending, then text ids in code-point order.
     * pycocotools evaluates {@code sorted(imgIds)}, and the order decides which of two detections with equal scores
     * on different images comes first.
     */
    static int[] cocoOrder(DetectionDataset data) {
        Comparator<Integer> byId = (a, b) -> compare(data.imageId(a), data.imageId(b));
        return IntStream.range(0, data.size()).boxed().sorted(byId.thenComparing(Integer::compare))
                .mapToInt(Integer::intValue).toArray();
    }

    static int compare(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof Long) {
            return -1;
        }
        if (b instanceof Long) {
            return 1;
        }
        return a.toString().compareTo(b.toString());
    }

    /** Width and height from the file's header, without decoding the pixels. */
    static int[] size(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new DatasetException("The image '" + file + "' could not be opened.");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new DatasetException("'" + file + "' is not an image Java can read (PNG, JPEG, BMP, GIF, TIFF).");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new DatasetException("The image '" + file + "' could not be read: " + e.getMessage(), e);
        }
    }
}
