package io.prunescope.detection;

import io.prunescope.runtime.FloatTensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Turns a YOLOv5 model's outputs into rows {@code cx, cy, w, h, obj, p_0 … p_{C−1}} in input pixels with
 * sigmoids applied: the form the official export's single output already has. Two forms are recognised from the
 * output shapes:
 * <ul>
 * <li><b>decoded</b>: one output {@code [B, N, 5+C]}, used as it is;</li>
 * <li><b>raw heads</b>: one output per level, {@code [B, na·(5+C), H, W]} (or {@code [B, na, H, W, 5+C]}), levels
 * taken finest first (stride {@code = input height / H}); every value goes through a sigmoid σ, then
 * {@code xy = (2σ − 0.5 + grid)·stride} and {@code wh = (2σ)²·anchor}, the Detect layer's decode. Rows are laid out
 * level by level, then anchor, row, column, as the Detect layer concatenates them.</li>
 * </ul>
 */
public final class YoloOutputDecoder {

    /** Which form a model's outputs have. */
    public enum Form { DECODED, RAW_HEADS }

    /** YOLOv5's default anchors in pixels, (w, h) pairs: P3/8, P4/16, P5/32. */
    public static final float[][] V5_ANCHORS = {
            {10, 13, 16, 30, 33, 23},
            {30, 61, 62, 45, 59, 119},
            {116, 90, 156, 198, 373, 326}};

    private final float[][] anchors;

    public YoloOutputDecoder() {
        this(V5_ANCHORS);
    }

    /** @param anchors per level (finest first) the (w, h) pairs of its anchors in input pixels */
    public YoloOutputDecoder(float[][] anchors) {
        if (anchors.length == 0) {
            throw new IllegalArgumentException("give the anchors of at least one level");
        }
        for (float[] a : anchors) {
            if (a.length == 0 || a.length % 2 != 0) {
                throw new IllegalArgumentException("anchors come in (width, height) pairs; got " + Arrays.toString(a));
            }
        }
        this.anchors = Arrays.stream(anchors).map(float[]::clone).toArray(float[][]::new);
    }

    /** The form of outputs with these shapes; a {@link DetectionException} saying what was expected otherwise. */
    public Form form(Map<String, long[]> shapes) {
        if (decodedOutput(shapes) != null) {
            return Form.DECODED;
        }
        List<String> heads = headNames(shapes);
        if (!heads.isEmpty() && heads.size() == shapes.size()) {
            headLayout(shapes, heads);
            return Form.RAW_HEADS;
        }
        throw new DetectionException("The model's outputs " + describe(shapes) + " are not YOLOv5's: expected either"
                + " the decoded tensor [batch, N, 5+classes] or one raw head [batch, anchors·(5+classes), H, W] per"
                + " level.");
    }

    /** The number of classes the outputs carry. */
    public int numClasses(Map<String, long[]> shapes) {
        String decoded = decodedOutput(shapes);
        if (decoded != null) {
            long[] s = shapes.get(decoded);
            return (int) s[2] - 5;
        }
        form(shapes);
        return headLayout(shapes, headNames(shapes)).get(0).classes;
    }

    /** Rows {@code [B, N, 5+C]} from the outputs of one run. */
    public FloatTensor decode(Map<String, FloatTensor> outputs, int inputHeight, int inputWidth) {
        Map<String, long[]> shapes = new java.util.LinkedHashMap<>();
        outputs.forEach((k, v) -> shapes.put(k, v.shape()));
        String decoded = decodedOutput(shapes);
        if (decoded != null) {
            return outputs.get(decoded);
        }
        form(shapes);
        List<Head> heads = headLayout(shapes, headNames(shapes));
        int b = (int) heads.get(0).shape[0];
        int no = heads.get(0).classes + 5;
        int n = 0;
        for (Head h : heads) {
            n += h.anchors * h.height * h.width;
        }
        float[] out = new float[b * n * no];
        for (int batch = 0; batch < b; batch++) {
            int row = batch * n;
            for (int level = 0; level < heads.size(); level++) {
                Head h = heads.get(level);
                double stride = (double) inputHeight / h.height;
                if (Math.abs(h.width * stride - inputWidth) > 1e-9) {
                    throw new DetectionException("Head '" + h.name + "' is " + h.height + "×" + h.width + " cells, which"
                            + " does not divide the " + inputHeight + "×" + inputWidth + " input by one stride.");
                }
                float[] data = outputs.get(h.name).data();
                float[] anchor = anchors[level];
                for (int a = 0; a < h.anchors; a++) {
                    for (int y = 0; y < h.height; y++) {
                        for (int x = 0; x < h.width; x++) {
                            int o = row * no;
                            for (int k = 0; k < no; k++) {
                                out[o + k] = sigmoid(data[h.index(batch, a, y, x, k)]);
                            }
                            out[o] = (float) ((out[o] * 2.0 - 0.5 + x) * stride);
                            out[o + 1] = (float) ((out[o + 1] * 2.0 - 0.5 + y) * stride);
                            double gw = out[o + 2] * 2.0;
                            double gh = out[o + 3] * 2.0;
                            out[o + 2] = (float) (gw * gw * anchor[2 * a]);
                            out[o + 3] = (float) (gh * gh * anchor[2 * a + 1]);
                            row++;
                        }
                    }
                }
            }
        }
        return new FloatTensor(out, new long[] {b, n, no});
    }

    private static float sigmoid(float v) {
        return (float) (1.0 / (1.0 + Math.exp(-v)));
    }

    /** The first rank-3 output {@code [B, N, K]} with K ≥ 6, or null. */
    private static String decodedOutput(Map<String, long[]> shapes) {
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            long[] s = e.getValue();
            if (s.length == 3 && s[2] >= 6 && s[1] >= 1) {
                return e.getKey();
            }
        }
        return null;
    }

    private static List<String> headNames(Map<String, long[]> shapes) {
        List<String> names = new ArrayList<>();
        shapes.forEach((k, s) -> {
            if (s.length == 4 || (s.length == 5 && s[4] >= 6)) {
                names.add(k);
            }
        });
        return names;
    }

    /** One raw head: {@code [B, na·no, H, W]} ({@code channelsLast = false}) or {@code [B, na, H, W, no]}. */
    private record Head(String name, long[] shape, int anchors, int classes, int height, int width,
                        boolean channelsLast) {

        int index(int b, int a, int y, int x, int k) {
            int no = classes + 5;
            if (channelsLast) {
                return (((b * anchors + a) * height + y) * width + x) * no + k;
            }
            return ((b * anchors * no + a * no + k) * height + y) * width + x;
        }
    }

    private List<Head> headLayout(Map<String, long[]> shapes, List<String> names) {
        if (names.size() != anchors.length) {
            throw new DetectionException("The model has " + names.size() + " raw detection head(s) " + describe(shapes)
                    + " but " + anchors.length + " anchor set(s) are known; give one set of anchors per level.");
        }
        List<String> sorted = new ArrayList<>(names);
        // Finest grid first: P3 (stride 8) has the most rows.
        sorted.sort(Comparator.comparingLong((String k) -> -shapes.get(k)[2]));
        List<Head> heads = new ArrayList<>();
        for (int level = 0; level < sorted.size(); level++) {
            String name = sorted.get(level);
            long[] s = shapes.get(name);
            int na = anchors[level].length / 2;
            int classes;
            int h;
            int w;
            boolean last = s.length == 5;
            if (last) {
                if (s[1] != na) {
                    throw new DetectionException("Head '" + name + "' " + Arrays.toString(s) + " has " + s[1]
                            + " anchors, but " + na + " anchors are known for its level.");
                }
                classes = (int) s[4] - 5;
                h = (int) s[2];
                w = (int) s[3];
            } else {
                if (s[1] % na != 0 || s[1] / na < 6) {
                    throw new DetectionException("Head '" + name + "' " + Arrays.toString(s) + " has " + s[1]
                            + " channels, which is not " + na + " anchors × (5 + classes).");
                }
                classes = (int) (s[1] / na) - 5;
                h = (int) s[2];
                w = (int) s[3];
            }
            if (h <= 0 || w <= 0) {
                throw new DetectionException("Head '" + name + "' has an empty grid " + Arrays.toString(s) + ".");
            }
            if (!heads.isEmpty() && (heads.get(0).classes != classes || heads.get(0).shape[0] != s[0])) {
                throw new DetectionException("The heads disagree on the batch or the number of classes: "
                        + describe(shapes) + ".");
            }
            heads.add(new Head(name, s, na, classes, h, w, last));
        }
        return heads;
    }

    static String describe(Map<String, long[]> shapes) {
        StringBuilder sb = new StringBuilder();
        shapes.forEach((k, s) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ')
                .append(Arrays.toString(s)));
        return "(" + sb + ")";
    }
}
