package io.prunescope.measure;

import io.prunescope.analysis.PrunableLayer;
import io.prunescope.ops.LayerKind;
import io.prunescope.session.Workspace;

import java.util.Locale;
import java.util.Optional;

/** The shape of one convolution as the runtime sees it (batch 1): what a latency-table row is keyed by. */
public record ConvShape(int inChannels, int outChannels, int kernelH, int kernelW, int stride, int groups,
                        int height, int width) {

    /** The layer's shape, when it is a 2-D convolution whose input size is known. */
    public static Optional<ConvShape> of(Workspace ws, PrunableLayer l) {
        if (l.kind() != LayerKind.CONV || l.weight().rank() != 4) {
            return Optional.empty();
        }
        Optional<long[]> in = ws.analysis().shape(l.node().input(0));
        if (in.isEmpty() || in.get().length != 4 || in.get()[2] <= 0 || in.get()[3] <= 0) {
            return Optional.empty();
        }
        long[] dims = l.weight().dims();
        long[] strides = l.node().intsAttr("strides");
        int stride = strides == null || strides.length == 0 ? 1 : (int) strides[0];
        return Optional.of(new ConvShape((int) l.inputUnits(), (int) l.outputUnits(), (int) dims[2], (int) dims[3],
                stride, (int) l.groups(), (int) in.get()[2], (int) in.get()[3]));
    }

    /** The same layer with {@code out} filters (a depthwise layer keeps one group per channel). */
    public ConvShape withOutChannels(int out) {
        boolean depthwise = groups > 1 && groups == inChannels && groups == outChannels;
        return depthwise ? new ConvShape(out, out, kernelH, kernelW, stride, out, height, width)
                : new ConvShape(inChannels, out, kernelH, kernelW, stride, groups, height, width);
    }

    public String key() {
        return String.format(Locale.ROOT, "conv-%dx%d-s%d-g%d-in%d-%dx%d", kernelH, kernelW, stride, groups,
                inChannels, height, width);
    }

    public long macs() {
        long oh = (height + 2L * (kernelH / 2) - kernelH) / stride + 1;
        long ow = (width + 2L * (kernelW / 2) - kernelW) / stride + 1;
        return oh * ow * outChannels * (long) (inChannels / groups) * kernelH * kernelW;
    }
}
