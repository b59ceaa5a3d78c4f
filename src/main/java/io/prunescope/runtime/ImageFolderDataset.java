package io.prunescope.runtime;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Images in a folder with one sub-folder per class (torchvision's ImageFolder layout): classes are the
 * sub-folder names sorted by name (code-point order, as Python's {@code sorted}), so class indices
 * match a model trained with ImageFolder. Images are read when a batch is asked for.
 */
public final class ImageFolderDataset implements Dataset {

    private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

    private final List<String> classNames;
    private final List<Path> files;
    private final int[] labels;
    private final Preprocessing preprocessing;

    private ImageFolderDataset(List<String> classNames, List<Path> files, int[] labels, Preprocessing preprocessing) {
        this.classNames = List.copyOf(classNames);
        this.files = List.copyOf(files);
        this.labels = labels;
        this.preprocessing = preprocessing;
    }

    /** Sub-folders are classes; files directly in {@code root} are ignored. */
    public static ImageFolderDataset open(Path root, Preprocessing preprocessing) {
        requireFolder(root);
        List<Path> classDirs = list(root).stream().filter(Files::isDirectory).toList();
        if (classDirs.isEmpty()) {
            throw new DatasetException("The folder '" + root + "' has no sub-folders; put the images of each class in "
                    + "a sub-folder named after the class.");
        }
        List<String> names = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Path dir : classDirs) {
            int label = names.size();
            names.add(dir.getFileName().toString());
            for (Path f : images(dir)) {
                files.add(f);
                labels.add(label);
            }
        }
        if (files.isEmpty()) {
            throw new DatasetException("The class folders in '" + root + "' contain no images (" + EXTENSIONS + ").");
        }
        return new ImageFolderDataset(names, files, labels.stream().mapToInt(Integer::intValue).toArray(), preprocessing);
    }

    /** Images directly in {@code folder}, without labels (-1): calibration inputs. */
    public static ImageFolderDataset unlabelled(Path folder, Preprocessing preprocessing) {
        requireFolder(folder);
        List<Path> files = images(folder);
        if (files.isEmpty()) {
            throw new DatasetException("The folder '" + folder + "' contains no images (" + EXTENSIONS + ").");
        }
        int[] labels = new int[files.size()];
        Arrays.fill(labels, -1);
        return new ImageFolderDataset(List.of(), files, labels, preprocessing);
    }

    private static void requireFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new DatasetException("'" + folder + "' is not a folder.");
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new DatasetException("The folder '" + dir + "' could not be listed: " + e.getMessage(), e);
        }
    }

    private static List<Path> images(Path dir) {
        return list(dir).stream().filter(Files::isRegularFile).filter(ImageFolderDataset::isImage).toList();
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    public List<Path> files() {
        return files;
    }

    public Preprocessing preprocessing() {
        return preprocessing;
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public int numClasses() {
        return classNames.size();
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public long[] sampleShape() {
        return preprocessing.sampleShape();
    }

    @Override
    public Batch batch(int from, int to) {
        return ImagePreprocessor.batch(from, to, labels, preprocessing, i -> Pixels.of(readImage(files.get(i))));
    }

    static BufferedImage readImage(Path file) {
        try {
            BufferedImage img = ImageIO.read(file.toFile());
            if (img == null) {
                throw new DatasetException("'" + file + "' is not an image Java can read (PNG, JPEG, BMP, GIF).");
            }
            return img;
        } catch (IOException e) {
            throw new DatasetException("The image '" + file + "' could not be read: " + e.getMessage(), e);
        }
    }
}
