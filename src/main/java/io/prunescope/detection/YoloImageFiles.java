package io.prunescope.detection;

import io.prunescope.runtime.DatasetException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finding the images of a YOLO data set for {@link YoloFolderDataset}: every readable image under a folder
 * (sorted by path, hidden files skipped), the entries of an image-list {@code .txt}, or one image, and which
 * extensions count as images. It is separate because listing files is independent of labels and YAML, and the
 * one place that decides which formats Java can read: formats YOLOv5 accepts but ImageIO cannot are refused up
 * front rather than silently skipped.
 */
final class YoloImageFiles {

    /** What ImageIO reads. */
    private static final Set<String> READABLE = Set.of("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff");
    /** Image formats YOLOv5 accepts that Java cannot read: refused up front rather than skipped. */
    private static final Set<String> UNREADABLE = Set.of("webp", "dng", "mpo", "pfm");

    private YoloImageFiles() {
    }

    /** The images a data.yaml split entry names: a folder, an image list (.txt) or an image. */
    static List<Path> imagesOf(Path p, Path yamlFile, String split) {
        if (Files.isDirectory(p)) {
            return imagesUnder(p);
        }
        if (Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt")) {
            return imageList(p);
        }
        if (Files.isRegularFile(p) && isImage(p)) {
            return List.of(p);
        }
        throw new DatasetException("The '" + split + "' entry of '" + yamlFile + "' names '" + p
                + "', which is not a folder, an image list (.txt) or an image.");
    }

    /** An image list: one path per line, relative ones relative to the list's folder. */
    private static List<Path> imageList(Path list) {
        List<Path> out = new ArrayList<>();
        Path base = list.toAbsolutePath().getParent();
        try {
            for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
                String s = line.strip();
                if (s.isEmpty()) {
                    continue;
                }
                Path f = Path.of(s);
                f = f.isAbsolute() ? f : base.resolve(f).normalize();
                if (isImage(f)) {
                    out.add(f);
                }
            }
        } catch (IOException e) {
            throw new DatasetException("The image list '" + list + "' could not be read: " + e.getMessage(), e);
        }
        return out;
    }

    /** Every readable image under {@code dir}, sorted by path, hidden files skipped. */
    static List<Path> imagesUnder(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(YoloImageFiles::isImage)
                    .sorted((a, b) -> a.toString().compareTo(b.toString()))
                    .toList();
        } catch (IOException e) {
            throw new DatasetException("The folder '" + dir + "' could not be listed: " + e.getMessage(), e);
        }
    }

    private static boolean isImage(Path p) {
        String ext = extension(p);
        if (UNREADABLE.contains(ext)) {
            throw new DatasetException("'" + p + "' is a " + ext.toUpperCase(Locale.ROOT) + " image, which Java cannot"
                    + " read; convert the images to PNG or JPEG.");
        }
        return READABLE.contains(ext);
    }

    private static String extension(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    /** The readable formats, for messages. */
    static String formats() {
        return "PNG, JPEG, BMP, GIF, TIFF";
    }
}
