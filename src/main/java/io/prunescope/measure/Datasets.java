package io.prunescope.measure;

import io.prunescope.detection.Box;
import io.prunescope.detection.DetectionDataset;
import io.prunescope.detection.DetectionOptions;
import io.prunescope.detection.GroundTruth;
import io.prunescope.runtime.Batch;
import io.prunescope.runtime.DatasetException;
import io.prunescope.runtime.Dataset;
import io.prunescope.runtime.FloatTensor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Views of data sets: a contiguous part, every sample as one tensor, and a content identity for caches. */
public final class Datasets {

    private Datasets() {
    }

    /** Samples {@code [from, from + count)} of {@code data} (count clipped to what is there). */
    public static Dataset slice(Dataset data, int from, int count) {
        if (from < 0 || from > data.size()) {
            throw new IllegalArgumentException("slice start " + from + " outside a data set of " + data.size());
        }
        int n = Math.min(count, data.size() - from);
        return new Dataset() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public int numClasses() {
                return data.numClasses();
            }

            @Override
            public List<String> classNames() {
                return data.classNames();
            }

            @Override
            public long[] sampleShape() {
                return data.sampleShape();
            }

            @Override
            public Batch batch(int a, int b) {
                if (a < 0 || b > n || a > b) {
                    throw new IndexOutOfBoundsException("batch [" + a + ", " + b + ") of " + n);
                }
                return data.batch(from + a, from + b);
            }
        };
    }

    /** The first {@code limit} samples; {@code limit <= 0} means all. */
    public static Dataset limit(Dataset data, int limit) {
        return limit <= 0 || limit >= data.size() ? data : slice(data, 0, limit);
    }

    /** Every sample in one [N, ...] tensor (calibration inputs). */
    public static FloatTensor inputs(Dataset data) {
        List<FloatTensor> parts = new ArrayList<>();
        for (Batch b : data.batches(256)) {
            parts.add(b.inputs());
        }
        return FloatTensor.concatBatch(parts);
    }

    /**
     * A digest of what a measurement sees: the preprocessed sample values and the labels, so the same files read
     * with other preprocessing, or another limit, are another identity.
     */
    public static String identity(Dataset data) {
        MessageDigest md = sha256();
        for (Batch b : data.batches(256)) {
            update(md, b.inputs());
            ByteBuffer labels = ByteBuffer.allocate(4 * b.labels().length).order(ByteOrder.LITTLE_ENDIAN);
            labels.asIntBuffer().put(b.labels());
            md.update(labels.array());
        }
        return "data:" + data.size() + ":" + HexFormat.of().formatHex(md.digest());
    }

    /**
     * A digest of what a detection measurement sees: every image file's bytes, its id and labels (class, box, crowd),
     * the class names, and the settings that change the result (size, thresholds, limits, anchors).
     */
    public static String identity(DetectionDataset data, DetectionOptions options) {
        MessageDigest md = sha256();
        byte[] buffer = new byte[1 << 16];
        md.update(String.join("\n", data.classNames()).getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < data.size(); i++) {
            try (InputStream in = Files.newInputStream(data.imageFile(i))) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    md.update(buffer, 0, n);
                }
            } catch (IOException e) {
                throw new DatasetException("The image '" + data.imageFile(i) + "' could not be read: " + e.getMessage(), e);
            }
            StringBuilder sb = new StringBuilder("|").append(data.imageId(i));
            for (GroundTruth g : data.groundTruths(i)) {
                Box b = g.box();
                sb.append(';').append(g.classIndex()).append(',').append(b.x1()).append(',').append(b.y1()).append(',')
                        .append(b.x2()).append(',').append(b.y2()).append(g.crowd() ? ",crowd" : "");
            }
            md.update(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        String settings = String.format(Locale.ROOT, "size %d conf %s iou %s max %d cand %d multi %s dets %d anchors %s",
                options.imageSize(), options.nms().confThreshold(), options.nms().iouThreshold(),
                options.nms().maxDetections(), options.nms().maxCandidates(), options.nms().multiLabel(),
                options.maxDets(), Arrays.deepToString(options.anchors()));
        md.update(settings.getBytes(StandardCharsets.UTF_8));
        return "detect:" + data.size() + ":" + HexFormat.of().formatHex(md.digest());
    }

    /** Identity of unlabelled inputs. */
    public static String identity(FloatTensor inputs) {
        MessageDigest md = sha256();
        update(md, inputs);
        return "inputs:" + Arrays.toString(inputs.shape()) + ":" + HexFormat.of().formatHex(md.digest());
    }

    private static void update(MessageDigest md, FloatTensor t) {
        ByteBuffer buf = ByteBuffer.allocate(4 * t.numel()).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(t.data());
        md.update(buf.array());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
