package io.prunescope.learn;

/**
 * The readable part of a big weight drawn by the gallery: filters {@code [filterFrom, filterFrom + filters)} and
 * input channels {@code [channelFrom, channelFrom + channels)}, each cut to the weight's real size.
 */
public record TensorSlice(int filterFrom, int filters, int channelFrom, int channels) {

    public TensorSlice {
        if (filterFrom < 0 || channelFrom < 0 || filters < 1 || channels < 1) {
            throw new IllegalArgumentException("slice needs non-negative starts and positive counts");
        }
    }

    /** The textbook default: 8 filters × 8 channels from the start. */
    public static TensorSlice first(int filters, int channels) {
        return new TensorSlice(0, filters, 0, channels);
    }

    /** This slice cut to a weight of {@code out} filters and {@code in} input channels. */
    public TensorSlice clampTo(int out, int in) {
        int f0 = Math.min(filterFrom, Math.max(0, out - 1));
        int c0 = Math.min(channelFrom, Math.max(0, in - 1));
        return new TensorSlice(f0, Math.min(filters, out - f0), c0, Math.min(channels, in - c0));
    }
}
