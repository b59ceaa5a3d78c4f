package io.prunescope.detection;

import io.prunescope.runtime.DatasetException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * YOLO label files for {@link YoloFolderDataset}: where an image's label file is (YOLOv5's img2label_paths) and
 * how one is parsed and checked line by line ({@code class cx cy w h}, or a polygon turned into its bounding box;
 * exact duplicates dropped). It is separate because label parsing is the data set's strictest part, every error
 * naming the file and line, and it needs neither the YAML nor the image listing.
 */
final class YoloLabels {

    private YoloLabels() {
    }

    /** YOLOv5's img2label_paths: the last {@code /images/} of the path becomes {@code /labels/}, the extension .txt. */
    static Path labelFile(Path image) {
        String s = image.toAbsolutePath().toString();
        String sep = image.getFileSystem().getSeparator();
        String marker = sep + "images" + sep;
        int at = s.lastIndexOf(marker);
        if (at >= 0) {
            s = s.substring(0, at) + sep + "labels" + sep + s.substring(at + marker.length());
        }
        int dot = s.lastIndexOf('.');
        int slash = s.lastIndexOf(sep);
        return Path.of((dot > slash ? s.substring(0, dot) : s) + ".txt");
    }

    /** Rows {@code class, cx, cy, w, h} (normalised), duplicates removed; checked line by line. */
    static float[][] readLabels(Path file, int numClasses) {
        if (!Files.isRegularFile(file)) {
            return new float[0][];
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DatasetException("The label file '" + file + "' could not be read: " + e.getMessage(), e);
        }
        List<float[]> rows = new ArrayList<>();
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln).strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = "Line " + (ln + 1) + " of '" + file + "'";
            String[] tokens = line.split("\\s+");
            boolean polygon = tokens.length >= 7 && tokens.length % 2 == 1;
            if (tokens.length != 5 && !polygon) {
                throw new DatasetException(where + " has " + tokens.length + " values (\"" + line + "\"); expected"
                        + " 'class cx cy w h' (5 numbers) or a polygon 'class x1 y1 x2 y2 x3 y3 …'.");
            }
            float[] v = new float[tokens.length];
            for (int i = 0; i < tokens.length; i++) {
                try {
                    v[i] = Float.parseFloat(tokens[i]);
                } catch (NumberFormatException e) {
                    throw new DatasetException(where + ": '" + tokens[i] + "' is not a number.");
                }
                if (!Float.isFinite(v[i])) {
                    throw new DatasetException(where + ": '" + tokens[i] + "' is not a finite number.");
                }
                if (v[i] < 0) {
                    throw new DatasetException(where + " has a negative value (" + tokens[i] + "); classes and"
                            + " coordinates are never negative.");
                }
            }
            if (v[0] != Math.rint(v[0])) {
                throw new DatasetException(where + ": the class '" + tokens[0] + "' is not a whole number.");
            }
            if (v[0] >= numClasses) {
                throw new DatasetException(where + " has class " + (long) v[0] + ", but the data set has "
                        + numClasses + " classes (0 … " + (numClasses - 1) + ").");
            }
            for (int i = 1; i < v.length; i++) {
                if (v[i] > 1) {
                    throw new DatasetException(where + " has a coordinate above 1 (" + tokens[i] + "): YOLO labels"
                            + " are normalised to [0, 1] by the image size.");
                }
            }
            float[] row = polygon ? polygonBox(v) : v;
            if (rows.stream().noneMatch(r -> Arrays.equals(r, row))) {
                rows.add(row);
            }
        }
        return rows.toArray(new float[0][]);
    }

    /** The bounding box of a polygon, as {@code class cx cy w h} (YOLOv5's segments2boxes). */
    private static float[] polygonBox(float[] v) {
        float minX = Float.MAX_VALUE;
        float minY = Float.MAX_VALUE;
        float maxX = -Float.MAX_VALUE;
        float maxY = -Float.MAX_VALUE;
        for (int i = 1; i + 1 < v.length; i += 2) {
            minX = Math.min(minX, v[i]);
            maxX = Math.max(maxX, v[i]);
            minY = Math.min(minY, v[i + 1]);
            maxY = Math.max(maxY, v[i + 1]);
        }
        return new float[] {v[0], (minX + maxX) / 2, (minY + maxY) / 2, maxX - minX, maxY - minY};
    }
}
