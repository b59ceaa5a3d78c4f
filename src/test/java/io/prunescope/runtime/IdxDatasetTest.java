package io.prunescope.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxDatasetTest {

    @TempDir
    Path dir;

    /** 3 images of 2×3 pixels: image i has pixel values 10·i + position (0…5); labels 7, 0, 2. */
    private static byte[] images() throws IOException {
        byte[] pixels = new byte[3 * 6];
        for (int i = 0; i < 3; i++) {
            for (int p = 0; p < 6; p++) {
                pixels[i * 6 + p] = (byte) (10 * i + p);
            }
        }
        pixels[17] = (byte) 255; // unsigned: must read as 255, not -1
        return idx(0x08, new int[] {3, 2, 3}, pixels);
    }

    private static byte[] labels() throws IOException {
        return idx(0x08, new int[] {3}, new byte[] {7, 0, 2});
    }

    static byte[] idx(int type, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {0, 0, (byte) type, (byte) dims.length});
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        }
        return bytes.toByteArray();
    }

    private Path write(String name, byte[] data) throws IOException {
        return Files.write(dir.resolve(name), data);
    }

    private static Preprocessing gray(int w, int h) {
        return Preprocessing.of(w, h).withGrayscale(true).withScale(1f);
    }

    @Test
    void readsPlainFiles() throws IOException {
        IdxDataset d = IdxDataset.open(write("img", images()), write("lab", labels()), gray(3, 2));
        assertThat(d.size()).isEqualTo(3);
        assertThat(d.numClasses()).isEqualTo(8);
        assertThat(d.imageWidth()).isEqualTo(3);
        assertThat(d.imageHeight()).isEqualTo(2);
        Batch b = d.batch(1, 3);
        assertThat(b.labels()).containsExactly(0, 2);
        assertThat(b.inputs().shape()).containsExactly(2, 1, 2, 3);
        assertThat(b.inputs().data()).containsExactly(10, 11, 12, 13, 14, 15, 20, 21, 22, 23, 24, 255);
    }

    @Test
    void gzipIsRecognisedByMagicBytesNotByName() throws IOException {
        // gzip data without .gz, and plain data with .gz: both read.
        IdxDataset d = IdxDataset.open(write("images-no-extension", gzip(images())), write("labels.gz", labels()),
                Preprocessing.of(3, 2).withGrayscale(true).withNormalization(new float[] {0.5f}, new float[] {0.25f}));
        Batch b = d.batch(0, 1);
        assertThat(b.labels()).containsExactly(7);
        // (p/255 − 0.5) / 0.25 for p = 0 … 5
        float[] expected = new float[6];
        for (int p = 0; p < 6; p++) {
            expected[p] = (p * (1f / 255f) - 0.5f) / 0.25f; // scale is multiplied, as in the pipeline
        }
        assertThat(b.inputs().data()).containsExactly(expected);
    }

    @Test
    void batchesCoverEverySampleOnce() throws IOException {
        IdxDataset d = IdxDataset.open(write("img", images()), write("lab", labels()), gray(3, 2));
        int seen = 0;
        for (Batch b : d.batches(2)) {
            seen += b.size();
        }
        assertThat(seen).isEqualTo(3);
    }

    @Test
    void colourLayoutReplicatesGray() throws IOException {
        IdxDataset d = IdxDataset.open(write("img", images()), write("lab", labels()),
                Preprocessing.of(3, 2).withScale(1f).withLayout(Preprocessing.Layout.NHWC));
        FloatTensor t = d.batch(0, 1).inputs();
        assertThat(t.shape()).containsExactly(1, 2, 3, 3);
        assertThat(Arrays.copyOf(t.data(), 6)).containsExactly(0, 0, 0, 1, 1, 1);
    }

    @Test
    void wrongMagicIsExplained() throws IOException {
        Path bad = write("bad", new byte[] {1, 2, 8, 1, 0, 0, 0, 0});
        assertThatThrownBy(() -> IdxFile.read(bad)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("is not an IDX file").hasMessageContaining("01 02");
    }

    @Test
    void unsupportedElementTypeIsNamed() throws IOException {
        Path floats = write("floats", idx(0x0D, new int[] {1}, new byte[4]));
        assertThatThrownBy(() -> IdxFile.read(floats)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("float values (IDX type 0x0D)");
    }

    @Test
    void truncationIsDetected() throws IOException {
        byte[] full = images();
        Path shortData = write("short", Arrays.copyOf(full, full.length - 5));
        assertThatThrownBy(() -> IdxFile.read(shortData)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("truncated").hasMessageContaining("[3, 2, 3] (18 bytes of data) but only 13 bytes");
        Path shortHeader = write("header", Arrays.copyOf(full, 9));
        assertThatThrownBy(() -> IdxFile.read(shortHeader)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("truncated").hasMessageContaining("declares 3 dimensions");
        Path tiny = write("tiny", new byte[] {0, 0});
        assertThatThrownBy(() -> IdxFile.read(tiny)).hasMessageContaining("too short");
        byte[] gz = gzip(full);
        Path shortGzip = write("short.gz", Arrays.copyOf(gz, gz.length - 12));
        assertThatThrownBy(() -> IdxFile.read(shortGzip)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void extraDataMeansTheHeaderIsWrong() throws IOException {
        byte[] full = images();
        Path longer = write("long", Arrays.copyOf(full, full.length + 3));
        assertThatThrownBy(() -> IdxFile.read(longer)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("has data after the 18 bytes");
    }

    @Test
    void mismatchedFilesAreExplained() throws IOException {
        Path img = write("img", images());
        Path lab = write("lab", labels());
        assertThatThrownBy(() -> IdxDataset.open(lab, img, gray(3, 2))).isInstanceOf(DatasetException.class)
                .hasMessageContaining("swapped");
        Path twoLabels = write("lab2", idx(0x08, new int[] {2}, new byte[] {1, 2}));
        assertThatThrownBy(() -> IdxDataset.open(img, twoLabels, gray(3, 2))).isInstanceOf(DatasetException.class)
                .hasMessageContaining("holds 3 images but 'lab2' holds 2 labels");
        assertThatThrownBy(() -> IdxDataset.open(dir.resolve("nope"), lab, gray(3, 2)))
                .isInstanceOf(DatasetException.class).hasMessageContaining("does not exist");
    }

    @Test
    void absurdSizesAreRefusedWithoutAllocating() throws IOException {
        Path huge = write("huge", idx(0x08, new int[] {60000, 60000, 28}, new byte[0]));
        assertThatThrownBy(() -> IdxFile.read(huge)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("bytes PruneScope loads from one IDX file");
    }

    @Test
    void aGzipBombIsRefusedFromItsHeaderBeforeUnpacking() throws IOException {
        // A header claiming 1 GiB, followed by a long run of zeros that gzip shrinks to almost nothing.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(idx(0x08, new int[] {1 << 14, 256, 256}, new byte[0]));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 16; i++) {
                gz.write(zeros);
            }
        }
        Path bomb = write("bomb-idx.gz", bytes.toByteArray());
        java.io.InputStream raw = new java.io.ByteArrayInputStream(bytes.toByteArray());
        // Small bound, read through the stream: the refusal comes before the data is read.
        java.util.concurrent.atomic.AtomicLong consumed = new java.util.concurrent.atomic.AtomicLong();
        java.io.InputStream counting = new java.io.FilterInputStream(new java.util.zip.GZIPInputStream(raw)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                consumed.addAndGet(Math.max(n, 0));
                return n;
            }
        };
        assertThatThrownBy(() -> IdxFile.read(counting, "bomb-idx.gz", 3, "image file", 1 << 20))
                .isInstanceOf(DatasetException.class).hasMessageContaining("1,048,576 bytes")
                .hasMessageContaining("Nothing beyond its header was unpacked");
        assertThat(consumed.get()).isLessThanOrEqualTo(16);
        assertThatThrownBy(() -> IdxFile.read(bomb)).isInstanceOf(DatasetException.class);
    }

    @Test
    void anImageFileGivenAsLabelsIsNamedAsSuch() throws IOException {
        Path img = write("img", images());
        assertThatThrownBy(() -> IdxDataset.open(img, img, gray(3, 2))).isInstanceOf(DatasetException.class)
                .hasMessageContaining("'img' was given as the label file (--labels)")
                .hasMessageContaining("an image file").hasMessageContaining("swapped");
        // A labels file whose magic says "3 dimensions" would otherwise read its labels as sizes.
        byte[] lying = labels();
        lying[3] = 3;
        Path liar = write("liar", lying);
        assertThatThrownBy(() -> IdxDataset.open(img, liar, gray(3, 2))).isInstanceOf(DatasetException.class)
                .hasMessageContaining("given as the label file").hasMessageNotContaining("GB");
        Path png = write("labels.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
        assertThatThrownBy(() -> IdxDataset.open(img, png, gray(3, 2))).isInstanceOf(DatasetException.class)
                .hasMessageContaining("it is a PNG image");
    }
}
