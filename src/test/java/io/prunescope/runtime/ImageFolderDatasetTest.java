package io.prunescope.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderDatasetTest {

    @TempDir
    Path dir;

    /** Writes an RGB PNG whose pixel (x,y) has the colour rgb[y][x] = {r,g,b}. */
    private static Path png(Path file, int[][][] rgb) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(rgb[0].length, rgb.length, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < rgb.length; y++) {
            for (int x = 0; x < rgb[0].length; x++) {
                int[] c = rgb[y][x];
                img.setRGB(x, y, (c[0] << 16) | (c[1] << 8) | c[2]);
            }
        }
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    /** Two pixels side by side: (10,20,30) and (40,50,60). */
    private static final int[][][] TWO_PIXELS = {{{10, 20, 30}, {40, 50, 60}}};

    private FloatTensor one(int[][][] rgb, Preprocessing p) throws IOException {
        Path root = dir.resolve("single-" + System.nanoTime());
        png(root.resolve("only/img.png"), rgb);
        return ImageFolderDataset.open(root, p).batch(0, 1).inputs();
    }

    private static Preprocessing raw(int w, int h) {
        return Preprocessing.of(w, h).withScale(1f);
    }

    @Test
    void classesAreSortedFolderNamesAndFilesSortedWithin() throws IOException {
        png(dir.resolve("b_cat/2.png"), TWO_PIXELS);
        png(dir.resolve("b_cat/1.png"), TWO_PIXELS);
        png(dir.resolve("a_dog/x.PNG"), TWO_PIXELS);
        png(dir.resolve("C_upper/z.png"), TWO_PIXELS);
        Files.writeString(dir.resolve("a_dog/notes.txt"), "not an image");
        Files.writeString(dir.resolve("readme.md"), "ignored: not in a class folder");
        ImageFolderDataset d = ImageFolderDataset.open(dir, raw(2, 1));
        assertThat(d.classNames()).containsExactly("C_upper", "a_dog", "b_cat");
        assertThat(d.size()).isEqualTo(4);
        assertThat(d.batch(0, 4).labels()).containsExactly(0, 1, 2, 2);
        assertThat(d.files().get(2).getFileName().toString()).isEqualTo("1.png");
        assertThat(d.sampleShape()).containsExactly(3, 1, 2);
    }

    @Test
    void nchwRgbWithoutResize() throws IOException {
        assertThat(one(TWO_PIXELS, raw(2, 1)).data()).containsExactly(10, 40, 20, 50, 30, 60);
    }

    @Test
    void bgrSwapsChannels() throws IOException {
        FloatTensor t = one(TWO_PIXELS, raw(2, 1).withChannelOrder(Preprocessing.ChannelOrder.BGR));
        assertThat(t.data()).containsExactly(30, 60, 20, 50, 10, 40);
    }

    @Test
    void nhwcInterleavesChannels() throws IOException {
        FloatTensor t = one(TWO_PIXELS, raw(2, 1).withLayout(Preprocessing.Layout.NHWC));
        assertThat(t.shape()).containsExactly(1, 1, 2, 3);
        assertThat(t.data()).containsExactly(10, 20, 30, 40, 50, 60);
    }

    @Test
    void scaleThenPerChannelMeanAndStd() throws IOException {
        Preprocessing p = Preprocessing.of(2, 1).withScale(0.5f)
                .withNormalization(new float[] {1, 2, 3}, new float[] {2, 4, 8});
        // (v·0.5 − mean) / std: R (5−1)/2, (20−1)/2; G (10−2)/4, (25−2)/4; B (15−3)/8, (30−3)/8
        assertThat(one(TWO_PIXELS, p).data()).containsExactly(2f, 9.5f, 2f, 5.75f, 1.5f, 3.375f);
    }

    @Test
    void grayscaleUsesLuma() throws IOException {
        FloatTensor t = one(TWO_PIXELS, raw(2, 1).withGrayscale(true));
        assertThat(t.shape()).containsExactly(1, 1, 1, 2);
        assertThat((double) t.data()[0]).isCloseTo(0.299 * 10 + 0.587 * 20 + 0.114 * 30, within(1e-4));
        assertThat((double) t.data()[1]).isCloseTo(0.299 * 40 + 0.587 * 50 + 0.114 * 60, within(1e-4));
    }

    @Test
    void grayPngValuesAreReadUnchanged() throws IOException {
        BufferedImage img = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_GRAY);
        int[] values = {0, 7, 128, 255};
        for (int x = 0; x < 4; x++) {
            img.getRaster().setSample(x, 0, 0, values[x]);
        }
        Files.createDirectories(dir.resolve("g"));
        ImageIO.write(img, "png", dir.resolve("g/gray.png").toFile());
        FloatTensor t = ImageFolderDataset.open(dir, raw(4, 1).withGrayscale(true)).batch(0, 1).inputs();
        assertThat(t.data()).containsExactly(0, 7, 128, 255);
    }

    @Test
    void stretchInterpolatesBilinearly() throws IOException {
        FloatTensor t = one(TWO_PIXELS, raw(4, 1));
        // red channel: source x for target 0..3 is -0.25(clamped 0), 0.25, 0.75, 1.25(clamped 1)
        assertThat(java.util.Arrays.copyOf(t.data(), 4)).containsExactly(10f, 17.5f, 32.5f, 40f);
    }

    /** 4×2 image: red = 10·x + 100·y, green and blue 0. */
    private static int[][][] ramp() {
        int[][][] rgb = new int[2][4][];
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 4; x++) {
                rgb[y][x] = new int[] {10 * x + 100 * y, 0, 0};
            }
        }
        return rgb;
    }

    @Test
    void centerCropKeepsTheMiddle() throws IOException {
        // Target 2×2 is covered at scale 1 (shorter side 2), so the middle columns 1 and 2 remain.
        FloatTensor t = one(ramp(), raw(2, 2).withResizeMode(Preprocessing.ResizeMode.CENTER_CROP));
        assertThat(java.util.Arrays.copyOf(t.data(), 4)).containsExactly(10, 20, 110, 120);
    }

    @Test
    void centerCropResizesShorterSideFirst() throws IOException {
        // 4×2 → target 1×1: the shorter side goes to 1 (scale 0.5, giving 2×1), then the crop keeps column 0.
        FloatTensor t = one(ramp(), raw(1, 1).withResizeMode(Preprocessing.ResizeMode.CENTER_CROP));
        // pixel 0 of the 2×1 resize samples source x 0.5, y 0.5: mean of (0,10,100,110) = 55
        assertThat(t.data()[0]).isEqualTo(55f);
    }

    @Test
    void letterboxPadsTopAndBottom() throws IOException {
        FloatTensor t = one(ramp(), raw(4, 4).withResizeMode(Preprocessing.ResizeMode.LETTERBOX).withPadValue(114));
        assertThat(java.util.Arrays.copyOf(t.data(), 16)).containsExactly(
                114, 114, 114, 114,
                0, 10, 20, 30,
                100, 110, 120, 130,
                114, 114, 114, 114);
    }

    @Test
    void unlabelledFolderForCalibration() throws IOException {
        Path calib = dir.resolve("calib");
        png(calib.resolve("b.png"), TWO_PIXELS);
        png(calib.resolve("a.png"), new int[][][] {{{1, 1, 1}, {2, 2, 2}}});
        FloatTensor t = CalibrationInputs.fromImageFolder(calib, raw(2, 1).withGrayscale(true));
        assertThat(t.shape()).containsExactly(2, 1, 1, 2);
        assertThat(t.data()[0]).isCloseTo(1f, within(1e-4f)); // a.png first
        assertThat(ImageFolderDataset.unlabelled(calib, raw(2, 1)).batch(0, 2).labels()).containsExactly(-1, -1);
    }

    @Test
    void unreadableImagesAndEmptyFoldersAreExplained() throws IOException {
        Files.createDirectories(dir.resolve("cls"));
        Files.write(dir.resolve("cls/broken.png"), new byte[] {1, 2, 3, 4});
        ImageFolderDataset d = ImageFolderDataset.open(dir, raw(2, 1));
        assertThatThrownBy(() -> d.batch(0, 1)).isInstanceOf(DatasetException.class).hasMessageContaining("broken.png");
        Path flat = Files.createDirectories(dir.resolve("x/flat"));
        assertThatThrownBy(() -> ImageFolderDataset.open(flat, raw(2, 1))).isInstanceOf(DatasetException.class)
                .hasMessageContaining("no sub-folders");
    }

    @Test
    void preprocessingValidatesItsSettings() {
        assertThatThrownBy(() -> Preprocessing.of(2, 2).withNormalization(new float[] {0, 0}, new float[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Preprocessing.of(2, 2).withNormalization(new float[] {0}, new float[] {0}))
                .hasMessageContaining("std must not contain 0");
        assertThat(Preprocessing.of(2, 2).withNormalization(new float[] {1, 2, 3}, new float[] {1, 1, 1})
                .withGrayscale(true).mean()).containsExactly(1f);
    }
}
