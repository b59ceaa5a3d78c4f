package io.prunescope.detection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prunescope.runtime.DatasetException;
import io.prunescope.runtime.Pixels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A COCO annotation file ({@code images}, {@code annotations}, {@code categories}) and the folder of its images.
 *
 * <p><b>Classes.</b> Model class index {@code i} is the {@code i}-th category sorted by category id: for COCO's
 * 80 categories (ids 1…90 with gaps) that is exactly the 80-class order YOLOv5 and most detectors are trained
 * with; results are written with the real category id. <b>Boxes</b> are {@code bbox = [x, y, w, h]} in pixels;
 * {@code iscrowd: 1} marks a crowd (see {@link GroundTruth}). <b>Images</b> are in image-id order, the order
 * pycocotools evaluates them in; each {@code file_name} is looked up in the image folder.
 */
public final class CocoDataset implements DetectionDataset {

    private record Image(long id, Path file) {
    }

    private final Path annotations;
    private final List<Image> images;
    private final List<List<GroundTruth>> truths;
    private final List<String> names;
    private final long[] categoryIds;

    private CocoDataset(Path annotations, List<Image> images, List<List<GroundTruth>> truths, List<String> names,
                        long[] categoryIds) {
        this.annotations = annotations;
        this.images = images;
        this.truths = truths;
        this.names = List.copyOf(names);
        this.categoryIds = categoryIds;
    }

    /**
     * Reads the annotation file; images are looked for in {@code imageFolder} (by {@code file_name}), or next to the
     * annotation file when it is null. Every image file must exist.
     */
    public static CocoDataset open(Path annotationJson, Path imageFolder) {
        if (!Files.isRegularFile(annotationJson)) {
            throw new DatasetException("The COCO annotation file '" + annotationJson + "' does not exist.");
        }
        Path folder = imageFolder != null ? imageFolder : annotationJson.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            throw new DatasetException("The image folder '" + folder + "' does not exist.");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(annotationJson.toFile());
        } catch (JsonProcessingException e) {
            throw new DatasetException("'" + annotationJson + "' is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new DatasetException("'" + annotationJson + "' could not be read: " + e.getMessage(), e);
        }
        String where = "'" + annotationJson.getFileName() + "'";
        JsonNode cats = array(root, "categories", where);
        JsonNode imgs = array(root, "images", where);
        JsonNode anns = array(root, "annotations", where);

        Map<Long, String> catNames = new HashMap<>();
        for (JsonNode c : cats) {
            long id = id(c, "id", where + " categories");
            if (catNames.put(id, c.path("name").asText("category " + id)) != null) {
                throw new DatasetException(where + " lists category id " + id + " twice.");
            }
        }
        if (catNames.isEmpty()) {
            throw new DatasetException(where + " has no categories.");
        }
        long[] catIds = catNames.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        Map<Long, Integer> classOf = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < catIds.length; i++) {
            classOf.put(catIds[i], i);
            names.add(catNames.get(catIds[i]));
        }

        List<Image> images = new ArrayList<>();
        Map<Long, Integer> seen = new HashMap<>();
        for (JsonNode im : imgs) {
            long id = id(im, "id", where + " images");
            String name = im.path("file_name").asText("");
            if (name.isEmpty()) {
                throw new DatasetException(where + ": image " + id + " has no file_name.");
            }
            if (seen.put(id, 0) != null) {
                throw new DatasetException(where + " lists image id " + id + " twice.");
            }
            Path file = folder.resolve(name).normalize();
            if (!Files.isRegularFile(file)) {
                throw new DatasetException("The image '" + name + "' of " + where + " is not in '" + folder
                        + "'; give the folder that holds the images.");
            }
            images.add(new Image(id, file));
        }
        if (images.isEmpty()) {
            throw new DatasetException(where + " lists no images.");
        }
        images.sort((a, b) -> Long.compare(a.id(), b.id()));
        Map<Long, Integer> indexOf = new HashMap<>();
        for (int i = 0; i < images.size(); i++) {
            indexOf.put(images.get(i).id(), i);
        }
        List<List<GroundTruth>> truths = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            truths.add(new ArrayList<>());
        }
        for (JsonNode a : anns) {
            long annId = a.path("id").asLong(-1);
            String what = where + " annotation " + annId;
            long imageId = id(a, "image_id", what);
            long catId = id(a, "category_id", what);
            Integer index = indexOf.get(imageId);
            if (index == null) {
                throw new DatasetException(what + " refers to image " + imageId + ", which is not in 'images'.");
            }
            Integer cls = classOf.get(catId);
            if (cls == null) {
                throw new DatasetException(what + " refers to category " + catId + ", which is not in 'categories'.");
            }
            JsonNode bb = a.get("bbox");
            if (bb == null || !bb.isArray() || bb.size() != 4 || !allNumbers(bb)) {
                throw new DatasetException(what + " has no bbox [x, y, width, height] of four numbers.");
            }
            double w = bb.get(2).asDouble();
            double h = bb.get(3).asDouble();
            if (w < 0 || h < 0) {
                throw new DatasetException(what + " has a bbox of negative size " + bb + ".");
            }
            boolean crowd = a.path("iscrowd").asInt(0) != 0;
            truths.get(index).add(new GroundTruth(cls, Box.ofXywh(bb.get(0).asDouble(), bb.get(1).asDouble(), w, h),
                    crowd));
        }
        List<List<GroundTruth>> frozen = new ArrayList<>();
        truths.forEach(t -> frozen.add(Collections.unmodifiableList(t)));
        return new CocoDataset(annotationJson, List.copyOf(images), List.copyOf(frozen), names, catIds);
    }

    private static JsonNode array(JsonNode root, String key, String where) {
        JsonNode n = root.get(key);
        if (n == null || !n.isArray()) {
            throw new DatasetException(where + " is not a COCO annotation file: it has no '" + key + "' list.");
        }
        return n;
    }

    private static boolean allNumbers(JsonNode array) {
        for (JsonNode v : array) {
            if (!v.isNumber()) {
                return false;
            }
        }
        return true;
    }

    private static long id(JsonNode node, String key, String where) {
        JsonNode v = node.get(key);
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber()) {
            throw new DatasetException(where + ": '" + key + "' is missing or not a whole number.");
        }
        return v.asLong();
    }

    public Path annotationFile() {
        return annotations;
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
    public Object imageId(int i) {
        return images.get(i).id();
    }

    @Override
    public Path imageFile(int i) {
        return images.get(i).file();
    }

    @Override
    public Pixels image(int i) {
        return Pixels.read(images.get(i).file());
    }

    @Override
    public List<GroundTruth> groundTruths(int i) {
        return truths.get(i);
    }

    @Override
    public long categoryId(int classIndex) {
        return categoryIds[classIndex];
    }
}
