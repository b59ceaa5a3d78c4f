package io.prunescope.measure;

import io.prunescope.runtime.Batch;
import io.prunescope.runtime.Dataset;
import io.prunescope.runtime.FloatTensor;

import java.nio.ByteBuffer;
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
