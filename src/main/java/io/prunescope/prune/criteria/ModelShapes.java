package io.prunescope.prune.criteria;

import java.util.ArrayList;
import java.util.List;

/**
 * Conv weight shapes of reference models, for benchmarks and tests of realistic sizes
 * (no weights are shipped: callers fill them with random numbers).
 */
public final class ModelShapes {

    /** A named weight shape, e.g. {@code layer1.0.conv2 [64, 64, 3, 3]}. */
    public record NamedShape(String name, int[] shape) {

        public long elements() {
            long n = 1;
            for (int s : shape) {
                n *= s;
            }
            return n;
        }
    }

    private ModelShapes() {
    }

    /**
     * The 53 convs of torchvision's ResNet-50 (Bottleneck v1.5: stride on the 3×3), in module order:
     * conv1; then per stage (blocks 3, 4, 6, 3; width 64, 128, 256, 512; expansion 4) each block's
     * conv1 1×1, conv2 3×3, conv3 1×1, and in block 0 the 1×1 downsample.
     */
    public static List<NamedShape> resnet50Convs() {
        List<NamedShape> out = new ArrayList<>();
        out.add(new NamedShape("conv1", new int[] {64, 3, 7, 7}));
        int[] blocks = {3, 4, 6, 3};
        int in = 64;
        for (int stage = 0; stage < 4; stage++) {
            int width = 64 << stage;
            int outCh = width * 4;
            for (int b = 0; b < blocks[stage]; b++) {
                String p = "layer" + (stage + 1) + "." + b + ".";
                out.add(new NamedShape(p + "conv1", new int[] {width, in, 1, 1}));
                out.add(new NamedShape(p + "conv2", new int[] {width, width, 3, 3}));
                out.add(new NamedShape(p + "conv3", new int[] {outCh, width, 1, 1}));
                if (b == 0) {
                    out.add(new NamedShape(p + "downsample.0", new int[] {outCh, in, 1, 1}));
                }
                in = outCh;
            }
        }
        return out;
    }

    /** The 60 convs of YOLOv5s v6 (80 classes), from DESIGN §7: width ×0.5, depth ×0.33. */
    public static List<NamedShape> yolov5sConvs() {
        List<NamedShape> out = new ArrayList<>();
        out.add(new NamedShape("model.0.conv", new int[] {32, 3, 6, 6}));
        out.add(new NamedShape("model.1.conv", new int[] {64, 32, 3, 3}));
        c3(out, "model.2", 64, 64, 1);
        out.add(new NamedShape("model.3.conv", new int[] {128, 64, 3, 3}));
        c3(out, "model.4", 128, 128, 2);
        out.add(new NamedShape("model.5.conv", new int[] {256, 128, 3, 3}));
        c3(out, "model.6", 256, 256, 3);
        out.add(new NamedShape("model.7.conv", new int[] {512, 256, 3, 3}));
        c3(out, "model.8", 512, 512, 1);
        out.add(new NamedShape("model.9.cv1", new int[] {256, 512, 1, 1}));
        out.add(new NamedShape("model.9.cv2", new int[] {512, 1024, 1, 1}));
        out.add(new NamedShape("model.10.conv", new int[] {256, 512, 1, 1}));
        c3(out, "model.13", 512, 256, 1);
        out.add(new NamedShape("model.14.conv", new int[] {128, 256, 1, 1}));
        c3(out, "model.17", 256, 128, 1);
        out.add(new NamedShape("model.18.conv", new int[] {128, 128, 3, 3}));
        c3(out, "model.20", 256, 256, 1);
        out.add(new NamedShape("model.21.conv", new int[] {256, 256, 3, 3}));
        c3(out, "model.23", 512, 512, 1);
        out.add(new NamedShape("model.24.m.0", new int[] {255, 128, 1, 1}));
        out.add(new NamedShape("model.24.m.1", new int[] {255, 256, 1, 1}));
        out.add(new NamedShape("model.24.m.2", new int[] {255, 512, 1, 1}));
        return out;
    }

    /** C3(c1 → c2, n bottlenecks): cv1, cv2 1×1 to c2/2; n × (1×1, 3×3); cv3 1×1 on the concat. */
    private static void c3(List<NamedShape> out, String p, int c1, int c2, int n) {
        int hidden = c2 / 2;
        out.add(new NamedShape(p + ".cv1", new int[] {hidden, c1, 1, 1}));
        out.add(new NamedShape(p + ".cv2", new int[] {hidden, c1, 1, 1}));
        for (int b = 0; b < n; b++) {
            out.add(new NamedShape(p + ".m." + b + ".cv1", new int[] {hidden, hidden, 1, 1}));
            out.add(new NamedShape(p + ".m." + b + ".cv2", new int[] {hidden, hidden, 3, 3}));
        }
        out.add(new NamedShape(p + ".cv3", new int[] {c2, 2 * hidden, 1, 1}));
    }
}
