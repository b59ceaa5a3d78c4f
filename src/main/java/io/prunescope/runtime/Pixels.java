package io.prunescope.runtime;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;

/**
 * An image as interleaved float pixel values 0–255 (height × width × channels, channels 1 = gray or
 * 3 = RGB): the common form for PNG/JPEG files and IDX digits before {@link ImagePreprocessor}.
 */
record Pixels(int width, int height, int channels, float[] values) {

    float at(int x, int y, int c) {
        return values[(y * width + x) * channels + c];
    }

    /**
     * Reads gray images from the raster: {@code getRGB} would run the stored gray values through a
     * colour-space conversion and change them (a 128 in the file would not come back as 128).
     */
    static Pixels of(BufferedImage image) {
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
