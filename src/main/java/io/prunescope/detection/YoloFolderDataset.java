package io.prunescope.detection;

import io.prunescope.runtime.DatasetException;
import io.prunescope.runtime.Pixels;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

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
 */
public final class YoloFolderDataset implements DetectionDataset {

    /** What ImageIO reads. */
    private static final Set<String> READABLE = Set.of("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff");
    /** Image formats YOLOv5 accepts that Java cannot read: refused up front rather than skipped. */
    private static final Set<String> UNREADABLE = Set.of("webp", "dng", "mpo", "pfm");

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
            List<Path> files = imagesUnder(dir);
            if (files.isEmpty()) {
                throw new DatasetException("The folder '" + dir + "' contains no images (" + formats() + ").");
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
        Map<?, ?> yaml = readYaml(yamlFile);
        List<String> names = names(yaml, yamlFile);
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
            files.addAll(imagesOf(resolved, yamlFile, split));
        }
        if (files.isEmpty()) {
            throw new DatasetException("The '" + split + "' images of '" + yamlFile + "' (" + entry + " under " + root
                    + ") are none: no " + formats() + " files found.");
        }
        List<Path> sorted = new ArrayList<>(files);
        sorted.sort((a, b) -> a.toString().compareTo(b.toString()));
        return build(yamlFile, sorted, names);
    }

    private static Map<?, ?> readYaml(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setAllowDuplicateKeys(false);
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object doc = new Yaml(new SafeConstructor(options)).load(r);
            if (!(doc instanceof Map<?, ?> m)) {
                throw new DatasetException("'" + file + "' is not a data.yaml: it holds no keys (path, val, names).");
            }
            return m;
        } catch (YAMLException e) {
            throw new DatasetException("'" + file + "' is not valid YAML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DatasetException("'" + file + "' could not be read: " + e.getMessage(), e);
        }
    }

    /** {@code names} as a list or an index → name map, checked against {@code nc}; class0… when only nc is given. */
    private static List<String> names(Map<?, ?> yaml, Path file) {
        Object names = yaml.get("names");
        Object nc = yaml.get("nc");
        Integer count = null;
        if (nc != null) {
            if (!(nc instanceof Integer i) || i <= 0) {
                throw new DatasetException("'nc' in '" + file + "' must be a positive whole number, got '" + nc + "'.");
            }
            count = i;
        }
        List<String> out = new ArrayList<>();
        if (names instanceof List<?> list) {
            list.forEach(o -> out.add(String.valueOf(o)));
        } else if (names instanceof Map<?, ?> map) {
            TreeMap<Integer, String> byIndex = new TreeMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof Integer k) || k < 0) {
                    throw new DatasetException("'names' in '" + file + "' maps '" + e.getKey() + "'; the keys must be"
                            + " class indices 0, 1, 2, …");
                }
                byIndex.put(k, String.valueOf(e.getValue()));
            }
            for (int i = 0; i < byIndex.size(); i++) {
                if (!byIndex.containsKey(i)) {
                    throw new DatasetException("'names' in '" + file + "' has no class " + i + "; the indices must run"
                            + " 0 … " + (byIndex.size() - 1) + " without gaps.");
                }
                out.add(byIndex.get(i));
            }
        } else if (names != null) {
            throw new DatasetException("'names' in '" + file + "' must be a list or a map index → name, got '"
                    + names + "'.");
        } else if (count != null) {
            for (int i = 0; i < count; i++) {
                out.add("class" + i);
            }
        } else {
            throw new DatasetException("'" + file + "' gives neither 'names' nor 'nc': the class names are needed.");
        }
        if (out.isEmpty()) {
            throw new DatasetException("'names' in '" + file + "' is empty.");
        }
        if (count != null && count != out.size()) {
            throw new DatasetException("'" + file + "' says nc: " + count + " but names has " + out.size()
                    + " entries.");
        }
        return out;
    }

    private static List<Path> imagesOf(Path p, Path yamlFile, String split) {
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

    private static List<Path> imagesUnder(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(YoloFolderDataset::isImage)
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

    private static String formats() {
        return "PNG, JPEG, BMP, GIF, TIFF";
    }

    /** Reads every label file; {@code names == null} means the names are inferred from the largest class seen. */
    private static YoloFolderDataset build(Path source, List<Path> images, List<String> names) {
        List<float[][]> labels = new ArrayList<>(images.size());
        int maxClass = -1;
        for (Path image : images) {
            float[][] rows = readLabels(labelFile(image), names == null ? Integer.MAX_VALUE : names.size());
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
