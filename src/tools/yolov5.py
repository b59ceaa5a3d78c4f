"""YOLOv5 v6 architecture in plain PyTorch (written for PruneScope's fixtures; no weights).

Follows /work/shared/DESIGN.md section 7: Conv = Conv2d(no bias) + BatchNorm2d + SiLU; C3; SPPF;
Bottleneck; nearest x2 Upsample; Concat; Detect with one 1x1 conv per level to 3*(nc+5) channels,
reshape to (bs, 3, nc+5, ny, nx), permute to (bs, 3, ny, nx, nc+5), sigmoid, grid/anchor decode,
output [bs, N, nc+5]. Standard anchors, strides 8/16/32.

    model = yolov5("n", nc=80)        # or "s"; width/depth multipliers n=(0.33,0.25), s=(0.33,0.50)
    model.prepare(320, 320)           # precompute decode grids for a static input size (clean ONNX)
    fuse_bn(model)                    # fold every BN into its conv, in place

Self-check (parameter counts with BN folded must equal DESIGN's 7,225,885 for s and 1,867,405 for n):
    /usr/bin/python3 src/tools/yolov5.py
"""
import math

import torch
import torch.nn as nn

ANCHORS = [[10, 13, 16, 30, 33, 23],         # P3/8
           [30, 61, 62, 45, 59, 119],        # P4/16
           [116, 90, 156, 198, 373, 326]]    # P5/32
STRIDES = [8, 16, 32]
SCALES = {"n": (0.33, 0.25), "s": (0.33, 0.50)}  # (depth multiple, width multiple)


def make_divisible(x, divisor=8):
    """Round x up to a multiple of divisor."""
    return int(math.ceil(x / divisor) * divisor)


class Conv(nn.Module):
    """Conv2d (no bias, 'same' padding k//2 unless given) + BatchNorm2d + SiLU. After fuse(): Conv2d(bias) + SiLU."""

    def __init__(self, c1, c2, k=1, s=1, p=None):
        super().__init__()
        self.conv = nn.Conv2d(c1, c2, k, s, k // 2 if p is None else p, bias=False)
        self.bn = nn.BatchNorm2d(c2, eps=1e-3, momentum=0.03)
        self.act = nn.SiLU()

    def forward(self, x):
        x = self.conv(x)
        if self.bn is not None:
            x = self.bn(x)
        return self.act(x)

    def fuse(self):
        if self.bn is None:
            return
        self.conv = fold_bn_into_conv(self.conv, self.bn)
        self.bn = None


def fold_bn_into_conv(conv, bn):
    """Return a new Conv2d equal to bn(conv(x)) in eval mode:
    w' = w * gamma / sqrt(var + eps) (per output channel), b' = beta + (b - mean) * gamma / sqrt(var + eps)."""
    fused = nn.Conv2d(conv.in_channels, conv.out_channels, conv.kernel_size, conv.stride, conv.padding,
                      conv.dilation, conv.groups, bias=True)
    with torch.no_grad():
        scale = bn.weight / torch.sqrt(bn.running_var + bn.eps)
        fused.weight.copy_(conv.weight * scale.view(-1, 1, 1, 1))
        b = conv.bias if conv.bias is not None else torch.zeros_like(bn.running_mean)
        fused.bias.copy_(bn.bias + (b - bn.running_mean) * scale)
    return fused


class Bottleneck(nn.Module):
    """1x1 Conv then 3x3 Conv; residual add when shortcut and c1 == c2."""

    def __init__(self, c1, c2, shortcut=True, e=1.0):
        super().__init__()
        c_ = int(c2 * e)
        self.cv1 = Conv(c1, c_, 1, 1)
        self.cv2 = Conv(c_, c2, 3, 1)
        self.add = shortcut and c1 == c2

    def forward(self, x):
        y = self.cv2(self.cv1(x))
        return x + y if self.add else y


class C3(nn.Module):
    """cv1, cv2: 1x1 Conv to c2/2; n Bottlenecks on cv1's path; cv3: 1x1 Conv on Concat(bottlenecks, cv2)."""

    def __init__(self, c1, c2, n=1, shortcut=True, e=0.5):
        super().__init__()
        c_ = int(c2 * e)
        self.cv1 = Conv(c1, c_, 1, 1)
        self.cv2 = Conv(c1, c_, 1, 1)
        self.cv3 = Conv(2 * c_, c2, 1)
        self.m = nn.Sequential(*(Bottleneck(c_, c_, shortcut, e=1.0) for _ in range(n)))

    def forward(self, x):
        return self.cv3(torch.cat((self.m(self.cv1(x)), self.cv2(x)), 1))


class SPPF(nn.Module):
    """1x1 Conv to c1/2, three chained MaxPool(k, 1, k//2), Concat of the four, 1x1 Conv to c2."""

    def __init__(self, c1, c2, k=5):
        super().__init__()
        c_ = c1 // 2
        self.cv1 = Conv(c1, c_, 1, 1)
        self.cv2 = Conv(c_ * 4, c2, 1, 1)
        self.m = nn.MaxPool2d(kernel_size=k, stride=1, padding=k // 2)

    def forward(self, x):
        x = self.cv1(x)
        y1 = self.m(x)
        y2 = self.m(y1)
        return self.cv2(torch.cat((x, y1, y2, self.m(y2)), 1))


class Detect(nn.Module):
    """One 1x1 conv (with bias) per level to na*(nc+5) channels, then decode.

    For each level: (bs, na*no, ny, nx) -> view (bs, na, no, ny, nx) -> permute (bs, na, ny, nx, no)
    -> sigmoid -> xy = (2*s_xy - 0.5 + grid) * stride, wh = (2*s_wh)^2 * anchor, rest unchanged
    -> view (bs, na*ny*nx, no); the three levels are concatenated on axis 1."""

    def __init__(self, nc, ch):
        super().__init__()
        self.nc = nc
        self.no = nc + 5
        self.nl = len(ANCHORS)
        self.na = len(ANCHORS[0]) // 2
        self.register_buffer("anchors", torch.tensor(ANCHORS, dtype=torch.float32).view(self.nl, self.na, 2))
        self.stride = STRIDES
        self.m = nn.ModuleList(nn.Conv2d(c, self.no * self.na, 1) for c in ch)
        self.grids = None  # per level: (grid, anchor_grid) precomputed by YOLOv5.prepare()

    def make_grid(self, i, ny, nx):
        """grid [1,1,ny,nx,2] holding (x - 0.5, y - 0.5); anchor_grid [1,na,1,1,2] in pixels (broadcast)."""
        yv, xv = torch.meshgrid(torch.arange(ny, dtype=torch.float32), torch.arange(nx, dtype=torch.float32),
                                indexing="ij")
        grid = (torch.stack((xv, yv), 2) - 0.5).view(1, 1, ny, nx, 2)
        anchor_grid = self.anchors[i].clone().view(1, self.na, 1, 1, 2)
        return grid, anchor_grid

    raw = False  # True while training: forward returns the per-level raw maps [bs, na, ny, nx, no]

    def forward(self, xs):
        z = []
        if self.raw:
            return [self.m[i](xs[i]).view(xs[i].shape[0], self.na, self.no, xs[i].shape[2], xs[i].shape[3])
                    .permute(0, 1, 3, 4, 2).contiguous() for i in range(self.nl)]
        for i in range(self.nl):
            x = self.m[i](xs[i])
            bs, _, ny, nx = (int(v) for v in x.shape)
            x = x.view(bs, self.na, self.no, ny, nx).permute(0, 1, 3, 4, 2)
            if self.grids is not None and self.grids[i][0].shape[2:4] == (ny, nx):
                grid, anchor_grid = self.grids[i]
            else:
                grid, anchor_grid = self.make_grid(i, ny, nx)
            xy, wh, conf = x.sigmoid().split((2, 2, self.nc + 1), 4)
            xy = (xy * 2 + grid) * self.stride[i]
            wh = (wh * 2) ** 2 * anchor_grid
            z.append(torch.cat((xy, wh, conf), 4).view(bs, self.na * ny * nx, self.no))
        return torch.cat(z, 1)


class YOLOv5(nn.Module):
    def __init__(self, depth_multiple, width_multiple, nc=80):
        super().__init__()

        def w(c):
            return make_divisible(c * width_multiple, 8)

        def d(n):
            return max(round(n * depth_multiple), 1)

        # backbone
        self.b0 = Conv(3, w(64), 6, 2, 2)
        self.b1 = Conv(w(64), w(128), 3, 2)
        self.b2 = C3(w(128), w(128), d(3))
        self.b3 = Conv(w(128), w(256), 3, 2)
        self.b4 = C3(w(256), w(256), d(6))                       # -> P3 skip
        self.b5 = Conv(w(256), w(512), 3, 2)
        self.b6 = C3(w(512), w(512), d(9))                       # -> P4 skip
        self.b7 = Conv(w(512), w(1024), 3, 2)
        self.b8 = C3(w(1024), w(1024), d(3))
        self.b9 = SPPF(w(1024), w(1024), 5)
        # head
        self.h10 = Conv(w(1024), w(512), 1, 1)
        self.up = nn.Upsample(scale_factor=2, mode="nearest")
        self.h13 = C3(w(512) + w(512), w(512), d(3), shortcut=False)
        self.h14 = Conv(w(512), w(256), 1, 1)
        self.h17 = C3(w(256) + w(256), w(256), d(3), shortcut=False)    # P3/8
        self.h18 = Conv(w(256), w(256), 3, 2)
        self.h20 = C3(w(256) + w(256), w(512), d(3), shortcut=False)    # P4/16
        self.h21 = Conv(w(512), w(512), 3, 2)
        self.h23 = C3(w(512) + w(512), w(1024), d(3), shortcut=False)   # P5/32
        self.detect = Detect(nc, (w(256), w(512), w(1024)))

    def forward(self, x):
        x = self.b1(self.b0(x))
        p3 = self.b4(self.b3(self.b2(x)))
        p4 = self.b6(self.b5(p3))
        x = self.b9(self.b8(self.b7(p4)))
        h10 = self.h10(x)
        x = self.h13(torch.cat((self.up(h10), p4), 1))
        h14 = self.h14(x)
        out3 = self.h17(torch.cat((self.up(h14), p3), 1))
        out4 = self.h20(torch.cat((self.h18(out3), h14), 1))
        out5 = self.h23(torch.cat((self.h21(out4), h10), 1))
        return self.detect([out3, out4, out5])

    def prepare(self, height, width):
        """Precompute the decode grids for a fixed input size, so tracing sees them as constants."""
        self.detect.grids = [self.detect.make_grid(i, height // s, width // s) for i, s in enumerate(STRIDES)]
        return self


def yolov5(size="s", nc=80):
    gd, gw = SCALES[size]
    return YOLOv5(gd, gw, nc)


def fuse_bn(model):
    """Fold every Conv block's BatchNorm into its Conv2d (in place); returns the model."""
    for mod in model.modules():
        if isinstance(mod, Conv):
            mod.fuse()
    return model


def randomize_bn(model, gen):
    """Give every BN non-trivial statistics and affine parameters (so BN is not an identity)."""
    with torch.no_grad():
        for mod in model.modules():
            if isinstance(mod, nn.BatchNorm2d):
                c = mod.num_features
                mod.weight.copy_(torch.rand(c, generator=gen) * 0.8 + 0.6)
                mod.bias.copy_(torch.randn(c, generator=gen) * 0.1)
                mod.running_mean.copy_(torch.randn(c, generator=gen) * 0.1)
                mod.running_var.copy_(torch.rand(c, generator=gen) * 1.5 + 0.5)
    return model


def num_params(model):
    return sum(p.numel() for p in model.parameters())


if __name__ == "__main__":
    torch.set_num_threads(2)
    expected = {"s": 7225885, "n": 1867405}
    for size in ("s", "n"):
        torch.manual_seed(0)
        m = yolov5(size).eval()
        randomize_bn(m, torch.Generator().manual_seed(0))
        x = torch.randn(1, 3, 320, 320)
        with torch.no_grad():
            y0 = m(x)
            fuse_bn(m)
            y1 = m(x)
        n = num_params(m)
        print(f"yolov5{size}: fused params {n} (expected {expected[size]}), output {tuple(y1.shape)}, "
              f"max |unfused - fused| {float((y0 - y1).abs().max()):.2e}")
        assert n == expected[size], (size, n)
