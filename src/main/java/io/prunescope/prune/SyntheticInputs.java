package io.prunescope.prune;

import io.prunescope.model.Shapes;
import io.prunescope.runtime.FloatTensor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Proof inputs when the user gave no images. Independent noise per pixel is a poor stand-in for an image: real
 * images are smooth, and convolution filters trained on them answer noise with responses real data never produces
 * (a segmentation head's logits all far below zero, say, so every output is a saturated sigmoid and the proof compares
 * constants). These inputs are smooth random fields instead: a coarse grid of random values bilinearly upsampled, plus
 * a little fine texture.
 *
 * <p>Even samples are in [0, 1] (pixels / 255, how YOLO-style models expect them); odd samples are the same kind of
 * field standardised to about mean 0, std 1 (how ImageNet-normalised models expect them), so both conventions are
 * exercised. Inputs that are not image-like (rank ≠ 4) get standard normal values.
 */
final class SyntheticInputs {

    private static final int GRID = 6;
    private static final double TEXTURE = 0.05;

    private SyntheticInputs() {
    }

    static Map<String, FloatTensor> sample(Map<String, long[]> inputShapes, int index, long seed) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
        Map<String, FloatTensor> feeds = new LinkedHashMap<>();
        inputShapes.forEach((name, shape) -> {
            float[] data = new float[Math.toIntExact(Shapes.numel(shape))];
            if (isImage(shape)) {
                fillImages(data, shape, random, index % 2 == 1);
            } else {
                for (int i = 0; i < data.length; i++) {
                    data[i] = (float) nextGaussian(random);
                }
            }
            feeds.put(name, new FloatTensor(data, shape.clone()));
        });
        return feeds;
    }

    /** [N, C, H, W] or [N, H, W, C] with at most 4 colour channels and a spatial size over 1. */
    static boolean isImage(long[] shape) {
        return shape.length == 4 && (channelsFirst(shape) || shape[3] <= 4) && Math.min(shape[1], shape[2]) > 1;
    }

    private static boolean channelsFirst(long[] shape) {
        return shape[1] <= 4 && shape[2] > 4;
    }

    private static void fillImages(float[] data, long[] shape, SplittableRandom random, boolean standardised) {
        boolean first = channelsFirst(shape);
        int n = (int) shape[0];
        int c = (int) (first ? shape[1] : shape[3]);
        int h = (int) (first ? shape[2] : shape[1]);
        int w = (int) (first ? shape[3] : shape[2]);
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                double[][] grid = new double[GRID + 1][GRID + 1];
                for (double[] row : grid) {
                    for (int k = 0; k < row.length; k++) {
                        row[k] = random.nextDouble();
                    }
                }
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        double v = bilinear(grid, (double) y / Math.max(1, h - 1) * GRID,
                                (double) x / Math.max(1, w - 1) * GRID);
                        v = clamp(v + TEXTURE * (random.nextDouble() * 2 - 1));
                        if (standardised) {
                            v = (v - 0.5) / 0.25;
                        }
                        int at = first ? ((b * c + ch) * h + y) * w + x : ((b * h + y) * w + x) * c + ch;
                        data[at] = (float) v;
                    }
                }
            }
        }
    }

    private static double bilinear(double[][] grid, double gy, double gx) {
        int y0 = Math.min((int) gy, GRID - 1);
        int x0 = Math.min((int) gx, GRID - 1);
        double fy = gy - y0;
        double fx = gx - x0;
        double top = grid[y0][x0] * (1 - fx) + grid[y0][x0 + 1] * fx;
        double bottom = grid[y0 + 1][x0] * (1 - fx) + grid[y0 + 1][x0 + 1] * fx;
        return top * (1 - fy) + bottom * fy;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    /** Box–Muller: SplittableRandom has no nextGaussian on Java 17. */
    private static double nextGaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
