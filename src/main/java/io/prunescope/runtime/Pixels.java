package io.prunescope.runtime;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.file.Path;

/**
 * An image as interleaved float pixel values 0–255 (height × width × channels, channels 1 = gray or
 * 3 = RGB): the common form for PNG/JPEG files and IDX digits before {@link ImagePreprocessor}.
 *
 * <p>Public so that other pipelines (detection's letterbox) read and resize images the same way the
 * classification data sets do, instead of keeping a second copy of the reading and resizing code.
 */
public record Pixels(int width, int height, int channels, float[] values) {

    public Pixels {
        if (width <= 0 || height <= 0 || (channels != 1 && channels != 3)
                || values == null || values.length != width * height * channels) {
            throw new IllegalArgumentException("pixels of " + width + "×" + height + "×" + channels + " need "
                    + ((long) width * height * channels) + " values, got " + (values == null ? "none" : values.length));
        }
    }

    public float at(int x, int y, int c) {
        return values[(y * width + x) * channels + c];
    }

    /** Reads an image file (PNG, JPEG, BMP, GIF); a {@link DatasetException} names the file when it cannot. */
    public static Pixels read(Path file) {
        return of(ImageFolderDataset.readImage(file));
    }

    /** Three channels: a gray image's value is repeated, a colour image is returned as it is. */
    public Pixels rgb() {
        return ImagePreprocessor.toColour(this);
    }

    /**
     * Resized to {@code w × h} by half-pixel-centre bilinear interpolation (OpenCV's INTER_LINEAR without its
     * fixed-point rounding); the same image when the size does not change.
     */
    public Pixels resized(int w, int h) {
        return ImagePreprocessor.bilinear(this, w, h);
    }

    /**
     * Reads gray images from the raster: {@code getRGB} would run the stored gray values through a
     * colour-space conversion and change them (a 128 in the file would not come back as 128).
     */
    public static Pixels of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        Raster raster = image.getRaster();
        boolean gray = image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && image.getColorModel().getNumColorComponents() == 1;
        if (gray) {
            int bits = image.getColorModel().getComponentSize(0);
            float max = (float) ((1L << bits) - 1);
            float[] v = new float[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    v[y * w + x] = bits == 8 ? raster.getSample(x, y, 0) : raster.getSample(x, y, 0) * 255f / max;
                }
            }
            return new Pixels(w, h, 1, v);
        }
        float[] v = new float[w * h * 3];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w); // alpha is ignored: transparent pixels keep their colour
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int i = (y * w + x) * 3;
                v[i] = (p >> 16) & 0xFF;
                v[i + 1] = (p >> 8) & 0xFF;
                v[i + 2] = p & 0xFF;
            }
        }
        return new Pixels(w, h, 3, v);
    }

    static Pixels gray(int width, int height, byte[] data, int offset) {
        float[] v = new float[width * height];
        for (int i = 0; i < v.length; i++) {
            v[i] = data[offset + i] & 0xFF;
        }
        return new Pixels(width, height, 1, v);
    }
}
