package io.prunescope.runtime;

import java.util.Arrays;
import java.util.function.IntFunction;

/** Applies a {@link Preprocessing} to {@link Pixels}; see the record for the order of the steps. */
final class ImagePreprocessor {

    private ImagePreprocessor() {
    }

    /**
     * Images {@code [from, to)} of an image data set with these {@code labels} (one per image) as one batch: image
     * {@code i} is read by {@code image}, preprocessed by {@code p} and laid out along dimension 0.
     */
    static Batch batch(int from, int to, int[] labels, Preprocessing p, IntFunction<Pixels> image) {
        if (from < 0 || to > labels.length || from > to) {
            throw new IndexOutOfBoundsException("batch [" + from + ", " + to + ") of " + labels.length + " images");
        }
        int per = p.channels() * p.width() * p.height();
        float[] out = new float[(to - from) * per];
        for (int i = from; i < to; i++) {
            float[] sample = apply(image.apply(i), p);
            System.arraycopy(sample, 0, out, (i - from) * per, per);
        }
        return new Batch(new FloatTensor(out, p.batchShape(to - from)), Arrays.copyOfRange(labels, from, to));
    }

    /** One sample's values in the preprocessing's layout ([C,H,W] or [H,W,C]). */
    static float[] apply(Pixels src, Preprocessing p) {
        Pixels img = p.grayscale() ? toGray(src) : toColour(src);
        Pixels sized = resize(img, p);
        int c = p.channels();
        int w = p.width();
        int h = p.height();
        float[] out = new float[c * w * h];
        for (int oc = 0; oc < c; oc++) {
            // BGR output channel 0 is the source's blue (index 2).
            int sc = p.grayscale() || p.channelOrder() == Preprocessing.ChannelOrder.RGB ? oc : 2 - oc;
            float mean = p.mean()[p.mean().length == 1 ? 0 : oc];
            float std = p.std()[p.std().length == 1 ? 0 : oc];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float v = (sized.at(x, y, sc) * p.scale() - mean) / std;
                    int idx = p.layout() == Preprocessing.Layout.NCHW ? (oc * h + y) * w + x : (y * w + x) * c + oc;
                    out[idx] = v;
                }
            }
        }
        return out;
    }

    static Pixels toGray(Pixels src) {
        if (src.channels() == 1) {
            return src;
        }
        int n = src.width() * src.height();
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            float[] s = src.values();
            v[i] = 0.299f * s[3 * i] + 0.587f * s[3 * i + 1] + 0.114f * s[3 * i + 2];
        }
        return new Pixels(src.width(), src.height(), 1, v);
    }

    static Pixels toColour(Pixels src) {
        if (src.channels() == 3) {
            return src;
        }
        int n = src.width() * src.height();
        float[] v = new float[n * 3];
        for (int i = 0; i < n; i++) {
            v[3 * i] = v[3 * i + 1] = v[3 * i + 2] = src.values()[i];
        }
        return new Pixels(src.width(), src.height(), 3, v);
    }

    static Pixels resize(Pixels img, Preprocessing p) {
        int tw = p.width();
        int th = p.height();
        return switch (p.resizeMode()) {
            case NONE -> {
                if (img.width() != tw || img.height() != th) {
                    throw new DatasetException("an image is " + img.width() + "×" + img.height() + " but the model"
                            + " takes " + tw + "×" + th + "; give --resize stretch, crop or letterbox to fit the"
                            + " images to the model (nothing is resized unless asked)");
                }
                yield img;
            }
            case STRETCH -> bilinear(img, tw, th);
            case CENTER_CROP -> {
                double s = Math.max((double) tw / img.width(), (double) th / img.height());
                int nw = Math.max(tw, (int) Math.round(img.width() * s));
                int nh = Math.max(th, (int) Math.round(img.height() * s));
                yield crop(bilinear(img, nw, nh), (nw - tw) / 2, (nh - th) / 2, tw, th);
            }
            case LETTERBOX -> {
                double s = Math.min((double) tw / img.width(), (double) th / img.height());
                int nw = Math.max(1, Math.min(tw, (int) Math.round(img.width() * s)));
                int nh = Math.max(1, Math.min(th, (int) Math.round(img.height() * s)));
                yield pad(bilinear(img, nw, nh), (tw - nw) / 2, (th - nh) / 2, tw, th, p.padValue());
            }
        };
    }

    /** Half-pixel-centre bilinear (OpenCV INTER_LINEAR, PyTorch align_corners=False); exact when sizes match. */
    static Pixels bilinear(Pixels img, int tw, int th) {
        if (tw == img.width() && th == img.height()) {
            return img;
        }
        int c = img.channels();
        float[] out = new float[tw * th * c];
        double sx = (double) img.width() / tw;
        double sy = (double) img.height() / th;
        for (int y = 0; y < th; y++) {
            double fy = clamp((y + 0.5) * sy - 0.5, img.height() - 1);
            int y0 = (int) Math.floor(fy);
            int y1 = Math.min(y0 + 1, img.height() - 1);
            double wy = fy - y0;
            for (int x = 0; x < tw; x++) {
                double fx = clamp((x + 0.5) * sx - 0.5, img.width() - 1);
                int x0 = (int) Math.floor(fx);
                int x1 = Math.min(x0 + 1, img.width() - 1);
                double wx = fx - x0;
                for (int ch = 0; ch < c; ch++) {
                    double top = img.at(x0, y0, ch) * (1 - wx) + img.at(x1, y0, ch) * wx;
                    double bottom = img.at(x0, y1, ch) * (1 - wx) + img.at(x1, y1, ch) * wx;
                    out[(y * tw + x) * c + ch] = (float) (top * (1 - wy) + bottom * wy);
                }
            }
        }
        return new Pixels(tw, th, c, out);
    }

    private static double clamp(double v, int max) {
        return Math.max(0, Math.min(max, v));
    }

    static Pixels crop(Pixels img, int left, int top, int w, int h) {
        int c = img.channels();
        float[] out = new float[w * h * c];
        for (int y = 0; y < h; y++) {
            System.arraycopy(img.values(), ((top + y) * img.width() + left) * c, out, y * w * c, w * c);
        }
        return new Pixels(w, h, c, out);
    }

    static Pixels pad(Pixels img, int left, int top, int w, int h, float value) {
        int c = img.channels();
        float[] out = new float[w * h * c];
        java.util.Arrays.fill(out, value);
        for (int y = 0; y < img.height(); y++) {
            System.arraycopy(img.values(), y * img.width() * c, out, ((top + y) * w + left) * c, img.width() * c);
        }
        return new Pixels(w, h, c, out);
    }
}
