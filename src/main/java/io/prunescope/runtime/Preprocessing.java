package io.prunescope.runtime;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * How an image becomes a model input. Steps, in order: read pixels (0–255, RGB) → optional grayscale
 * (ITU-R 601 luma 0.299R + 0.587G + 0.114B) → resize to {@code width × height} by {@code resizeMode}
 * (bilinear, half-pixel centres, no antialiasing) → {@code value · scale} → {@code (value − mean[c]) / std[c]}
 * → arrange as {@code layout}.
 *
 * @param mean         per output channel, in the order the model sees them (so BGR means for a BGR model);
 *                     one value is used for every channel
 * @param std          same convention as {@code mean}
 * @param channelOrder RGB or BGR for colour output; ignored when {@code grayscale}
 * @param grayscale    one output channel; otherwise three (a grayscale source is replicated)
 * @param padValue     pixel value (0–255, before scaling) of the border LETTERBOX adds
 */
public record Preprocessing(int width, int height, ResizeMode resizeMode, float scale, float[] mean, float[] std,
                            ChannelOrder channelOrder, boolean grayscale, Layout layout, float padValue) {

    public enum ResizeMode {
        /** Resize to exactly width × height; the aspect ratio may change. */
        STRETCH,
        /** Resize keeping the aspect ratio so the image covers the target, then cut the centre out. */
        CENTER_CROP,
        /** Resize keeping the aspect ratio so the image fits inside the target, then pad the borders (YOLO style). */
        LETTERBOX,
        /** No resizing: an image of another size is refused, so that nothing is stretched without being asked. */
        NONE
    }

    public enum ChannelOrder { RGB, BGR }

    public enum Layout {
        /** [N, C, H, W] — PyTorch exports. */
        NCHW,
        /** [N, H, W, C] — TensorFlow exports. */
        NHWC
    }

    public Preprocessing {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("target size must be positive, got " + width + "×" + height);
        }
        int c = grayscale ? 1 : 3;
        if (mean == null || (mean.length != 1 && mean.length != c) || std == null || (std.length != 1 && std.length != c)) {
            throw new IllegalArgumentException("mean and std need 1 or " + c + " values, got "
                    + Arrays.toString(mean) + " and " + Arrays.toString(std));
        }
        for (float s : std) {
            if (s == 0f) {
                throw new IllegalArgumentException("std must not contain 0: " + Arrays.toString(std));
            }
        }
        if (resizeMode == null || channelOrder == null || layout == null) {
            throw new IllegalArgumentException("resizeMode, channelOrder and layout must not be null");
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** Colour, STRETCH, values scaled to [0,1], no normalisation, RGB, NCHW. */
    public static Preprocessing of(int width, int height) {
        return new Preprocessing(width, height, ResizeMode.STRETCH, 1f / 255f, new float[] {0f}, new float[] {1f},
                ChannelOrder.RGB, false, Layout.NCHW, 0f);
    }

    public Preprocessing withResizeMode(ResizeMode m) {
        return new Preprocessing(width, height, m, scale, mean, std, channelOrder, grayscale, layout, padValue);
    }

    public Preprocessing withScale(float s) {
        return new Preprocessing(width, height, resizeMode, s, mean, std, channelOrder, grayscale, layout, padValue);
    }

    public Preprocessing withNormalization(float[] m, float[] s) {
        return new Preprocessing(width, height, resizeMode, scale, m, s, channelOrder, grayscale, layout, padValue);
    }

    public Preprocessing withChannelOrder(ChannelOrder o) {
        return new Preprocessing(width, height, resizeMode, scale, mean, std, o, grayscale, layout, padValue);
    }

    /** Switching gray on or off resets mean/std to a single value if their length no longer fits. */
    public Preprocessing withGrayscale(boolean g) {
        int c = g ? 1 : 3;
        float[] m = mean.length == 1 || mean.length == c ? mean : new float[] {mean[0]};
        float[] s = std.length == 1 || std.length == c ? std : new float[] {std[0]};
        return new Preprocessing(width, height, resizeMode, scale, m, s, channelOrder, g, layout, padValue);
    }

    public Preprocessing withLayout(Layout l) {
        return new Preprocessing(width, height, resizeMode, scale, mean, std, channelOrder, grayscale, l, padValue);
    }

    public Preprocessing withPadValue(float p) {
        return new Preprocessing(width, height, resizeMode, scale, mean, std, channelOrder, grayscale, layout, p);
    }

    public int channels() {
        return grayscale ? 1 : 3;
    }

    /** Shape of one sample, without the batch dimension: [C,H,W] or [H,W,C]. */
    public long[] sampleShape() {
        return layout == Layout.NCHW ? new long[] {channels(), height, width} : new long[] {height, width, channels()};
    }

    /** Shape of a batch of {@code n} samples. */
    public long[] batchShape(int n) {
        long[] s = sampleShape();
        return new long[] {n, s[0], s[1], s[2]};
    }

    /** One image as a [1, ...] tensor. */
    public FloatTensor toTensor(BufferedImage image) {
        return new FloatTensor(ImagePreprocessor.apply(Pixels.of(image), this), batchShape(1));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Preprocessing p && width == p.width && height == p.height && resizeMode == p.resizeMode
                && Float.compare(scale, p.scale) == 0 && Arrays.equals(mean, p.mean) && Arrays.equals(std, p.std)
                && channelOrder == p.channelOrder && grayscale == p.grayscale && layout == p.layout
                && Float.compare(padValue, p.padValue) == 0;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(width, height, resizeMode, scale, Arrays.hashCode(mean), Arrays.hashCode(std),
                channelOrder, grayscale, layout, padValue);
    }

    @Override
    public String toString() {
        return "Preprocessing[" + width + "×" + height + ", " + resizeMode + ", scale " + scale + ", mean "
                + Arrays.toString(mean) + ", std " + Arrays.toString(std) + ", " + (grayscale ? "gray" : channelOrder)
                + ", " + layout + "]";
    }
}
