package io.prunescope.detection;

import io.prunescope.runtime.DatasetException;
import io.prunescope.runtime.Pixels;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A data set in YOLO format, as YOLOv5 reads it: images, and for {@code …/images/…/x.png} the label file
 * {@code …/labels/…/x.txt} (the last {@code images} folder of the path becomes {@code labels}; an image outside
 * any {@code images} folder has its {@code .txt} beside it). A label line is {@code class cx cy w h}, normalised to
 * [0, 1]; a line {@code class x1 y1 x2 y2 …} with three or more points is a polygon (segmentation labels) and
 * becomes its bounding box. A missing label file means no objects; exact duplicate lines count once (YOLOv5 drops
 * them too). Images are sorted by path.
 *
 * <p>Label files are read and checked when the data set is opened, so a bad line is reported before any
 * evaluation starts; images are read when asked for.
 *
 * <p>This class opens the data set and serves its images and boxes; finding the images is
 * {@link YoloImageFiles}, reading label files {@link YoloLabels}, reading a data.yaml {@link YoloDataYaml}.
 */
public final class YoloFolderDataset implements DetectionDataset {

    private final Path source;
    private final List<Path> images;
    private final List<float[][]> labels;
    private final List<String> names;
    private final boolean declared;
    private final int[][] sizes;

    private YoloFolderDataset(Path source, List<Path> images, List<float[][]> labels, List<String> names,
                              boolean declared) {
        this.source = source;
        this.images = List.copyOf(images);
        this.labels = List.copyOf(labels);
        this.names = List.copyOf(names);
        this.declared = declared;
        this.sizes = new int[images.size()][];
    }

    /** The {@code val} split of a data.yaml, or a folder; see {@link #open(Path, String)}. */
    public static YoloFolderDataset open(Path dataYamlOrFolder) {
        return open(dataYamlOrFolder, "val");
    }

    /**
     * Opens a data set from
     * <ul>
     * <li>a {@code data.yaml} ({@code .yaml}/{@code .yml}): {@code path} (the root; relative to the YAML file's
     * folder, default that folder), the split given ({@code train}, {@code val} or {@code test}: a folder, an
     * image list {@code .txt}, or a list of those, relative to the root), {@code names} (a list, or a map
     * index → name) and/or {@code nc};</li>
     * <li>a folder with an {@code images} sub-folder (labels in {@code labels}), or a folder of images; the class
     * names are then unknown and taken as "0" … up to the largest class in the labels.</li>
     * </ul>
     */
    public static YoloFolderDataset open(Path dataYamlOrFolder, String split) {
        if (Files.isDirectory(dataYamlOrFolder)) {
            Path imagesDir = dataYamlOrFolder.resolve("images");
            Path dir = Files.isDirectory(imagesDir) ? imagesDir : dataYamlOrFolder;
            List<Path> files = YoloImageFiles.imagesUnder(dir);
            if (files.isEmpty()) {
                throw new DatasetException("The folder '" + dir + "' contains no images ("
                        + YoloImageFiles.formats() + ").");
            }
            return build(dataYamlOrFolder, files, null);
        }
        if (!Files.isRegularFile(dataYamlOrFolder)) {
            throw new DatasetException("'" + dataYamlOrFolder + "' is neither a data.yaml file nor a folder.");
        }
        String n = dataYamlOrFolder.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!n.endsWith(".yaml") && !n.endsWith(".yml")) {
            throw new DatasetException("'" + dataYamlOrFolder + "' is not a data.yaml file (.yaml or .yml) or a folder.");
        }
        return fromYaml(dataYamlOrFolder, split);
    }

    private static YoloFolderDataset fromYaml(Path yamlFile, String split) {
        Map<?, ?> yaml = YoloDataYaml.readYaml(yamlFile);
        List<String> names = YoloDataYaml.names(yaml, yamlFile);
        Path base = yamlFile.toAbsolutePath().getParent();
        Object p = yaml.get("path");
        Path root = base;
        if (p != null) {
            Path given = Path.of(p.toString());
            root = given.isAbsolute() ? given : base.resolve(given).normalize();
        }
        Object entry = yaml.get(split);
        if (entry == null) {
            throw new DatasetException("'" + yamlFile + "' has no '" + split + "' entry (the images to evaluate); its"
                    + " keys are " + yaml.keySet() + ".");
        }
        List<Object> parts = entry instanceof List<?> l ? new ArrayList<>(l) : List.of(entry);
        Set<Path> files = new LinkedHashSet<>();
        for (Object part : parts) {
            Path given = Path.of(part.toString());
            Path resolved = given.isAbsolute() ? given : root.resolve(given).normalize();
            files.addAll(YoloImageFiles.imagesOf(resolved, yamlFile, split));
        }
        if (files.isEmpty()) {
            throw new DatasetException("The '" + split + "' images of '" + yamlFile + "' (" + entry + " under " + root
                    + ") are none: no " + YoloImageFiles.formats() + " files found.");
        }
        List<Path> sorted = new ArrayList<>(files);
        sorted.sort((a, b) -> a.toString().compareTo(b.toString()));
        return build(yamlFile, sorted, names);
    }

    /** Reads every label file; {@code names == null} means the names are inferred from the largest class seen. */
    private static YoloFolderDataset build(Path source, List<Path> images, List<String> names) {
        List<float[][]> labels = new ArrayList<>(images.size());
        int maxClass = -1;
        for (Path image : images) {
            float[][] rows = YoloLabels.readLabels(labelFile(image), names == null ? Integer.MAX_VALUE : names.size());
            for (float[] r : rows) {
                maxClass = Math.max(maxClass, (int) r[0]);
            }
            labels.add(rows);
        }
        boolean declared = names != null;
        if (!declared) {
            names = new ArrayList<>();
            for (int i = 0; i <= maxClass; i++) {
                names.add(Integer.toString(i));
            }
        }
        return new YoloFolderDataset(source, images, labels, names, declared);
    }

    /** YOLOv5's img2label_paths: the last {@code /images/} of the path becomes {@code /labels/}, the extension .txt. */
    public static Path labelFile(Path image) {
        return YoloLabels.labelFile(image);
    }

    /** Where the data set came from (the data.yaml or the folder), for messages. */
    public Path source() {
        return source;
    }

    @Override
    public int size() {
        return images.size();
    }

    @Override
    public List<String> classNames() {
        return names;
    }

    @Override
    public boolean classesDeclared() {
        return declared;
    }

    @Override
    public Object imageId(int i) {
        return ImageIds.fromStem(ImageIds.stem(images.get(i)));
    }

    @Override
    public Path imageFile(int i) {
        return images.get(i);
    }

    @Override
    public Pixels image(int i) {
        Pixels p = Pixels.read(images.get(i));
        sizes[i] = new int[] {p.width(), p.height()};
        return p;
    }

    /** Label boxes scaled by the image's size: {@code x1 = W·(cx − w/2)} and so on (YOLOv5's xywhn2xyxy). */
    @Override
    public List<GroundTruth> groundTruths(int i) {
        int[] size = sizes[i];
        if (size == null) {
            size = ImageIds.size(images.get(i));
            sizes[i] = size;
        }
        double w = size[0];
        double h = size[1];
        List<GroundTruth> out = new ArrayList<>();
        for (float[] r : labels.get(i)) {
            out.add(GroundTruth.of((int) r[0], new Box(w * (r[1] - r[3] / 2.0), h * (r[2] - r[4] / 2.0),
                    w * (r[1] + r[3] / 2.0), h * (r[2] + r[4] / 2.0))));
        }
        return out;
    }
}
