package io.prunescope.detection;

import io.prunescope.runtime.FloatTensor;
import io.prunescope.runtime.Pixels;

/**
 * YOLOv5's letterbox: the image is scaled by {@code r = min(H/h, W/w)} keeping its aspect ratio, to
 * {@code round(w·r) × round(h·r)} (Python's round: halves to even), bilinear, and padded to {@code W × H} with grey
 * 114, the unscaled image centred ({@code left = round(dw − 0.1)}, {@code top = round(dh − 0.1)} with
 * {@code dw, dh} half the padding, as YOLOv5 splits an odd padding). The result is RGB, divided by 255, NCHW
 * {@code [1, 3, H, W]}.
 *
 * <p>Resized pixels are rounded to whole levels, as OpenCV stores its 8-bit result; OpenCV interpolates in 11-bit
 * fixed point, so a resized pixel may still differ from YOLOv5's by one level. An image already {@code W × H}
 * passes through untouched.
 */
public final class Letterbox {

    /** YOLOv5's padding grey. */
    public static final float PAD = 114f;

    private final int width;
    private final int height;

    public Letterbox(int size) {
        this(size, size);
    }

    public Letterbox(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("letterbox size must be positive, got " + width + "×" + height);
        }
        this.width = width;
        this.height = height;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /**
     * A letterboxed image and how to map its boxes back.
     *
     * @param input  {@code [1, 3, H, W]}, values in [0, 1]
     * @param ratio  the scale {@code r}
     * @param padX   {@code dw}: half the horizontal padding (may end in .5)
     * @param padY   {@code dh}: half the vertical padding
     * @param left   columns of padding on the left
     * @param top    rows of padding on top
     */
    public record Letterboxed(FloatTensor input, double ratio, double padX, double padY, int left, int top,
                              int originalWidth, int originalHeight) {

        /**
         * A box in input pixels back in the original image: {@code (x − dw) / r}, {@code (y − dh) / r}, clipped to
         * the image, as val.py's {@code scale_boxes} with the letterbox's own ratio and padding.
         */
        public Box toOriginal(Box b) {
            return new Box((b.x1() - padX) / ratio, (b.y1() - padY) / ratio, (b.x2() - padX) / ratio,
                    (b.y2() - padY) / ratio).clip(originalWidth, originalHeight);
        }
    }

    public Letterboxed apply(Pixels image) {
        Pixels rgb = image.rgb();
        int w0 = rgb.width();
        int h0 = rgb.height();
        double r = Math.min((double) height / h0, (double) width / w0);
        int nw = Math.max(1, Math.min(width, (int) Math.rint(w0 * r)));
        int nh = Math.max(1, Math.min(height, (int) Math.rint(h0 * r)));
        double dw = (width - nw) / 2.0;
        double dh = (height - nh) / 2.0;
        int left = (int) Math.rint(dw - 0.1);
        int top = (int) Math.rint(dh - 0.1);
        boolean resize = nw != w0 || nh != h0;
        Pixels sized = resize ? rgb.resized(nw, nh) : rgb;
        float[] src = sized.values();
        int plane = width * height;
        float[] out = new float[3 * plane];
        java.util.Arrays.fill(out, PAD / 255f);
        for (int y = 0; y < nh; y++) {
            int oy = y + top;
            for (int x = 0; x < nw; x++) {
                int ox = x + left;
                int s = (y * nw + x) * 3;
                for (int c = 0; c < 3; c++) {
                    float v = src[s + c];
                    if (resize) {
                        v = Math.max(0f, Math.min(255f, (float) Math.rint(v)));
                    }
                    out[c * plane + oy * width + ox] = v / 255f;
                }
            }
        }
        return new Letterboxed(new FloatTensor(out, new long[] {1, 3, height, width}), r, dw, dh, left, top, w0, h0);
    }
}
