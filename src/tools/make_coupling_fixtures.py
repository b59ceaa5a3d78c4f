"""Small PyTorch networks, each exercising one channel-coupling rule of DESIGN §5, exported to ONNX.

Produces src/test/resources/coupling/*.onnx (a few KB each, committed). The Java tests check the channel
groups PruneScope finds in each and prove pruned exports against the masked-consumer oracle.

Run once by hand: /usr/bin/python3 src/tools/make_coupling_fixtures.py
"""
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "test", "resources", "coupling")


def conv_bn(cin, cout, k=3, s=1, groups=1):
    return nn.Sequential(nn.Conv2d(cin, cout, k, s, k // 2, groups=groups, bias=False), nn.BatchNorm2d(cout),
                         nn.ReLU())


class Residual(nn.Module):
    """Two residual blocks sharing one channel group, then a projection; Flatten after global pooling into Gemm."""

    def __init__(self):
        super().__init__()
        self.stem = conv_bn(3, 16)
        self.a1, self.a2 = conv_bn(16, 16), nn.Conv2d(16, 16, 3, 1, 1)
        self.b1, self.b2 = conv_bn(16, 16), nn.Conv2d(16, 16, 3, 1, 1)
        self.proj = conv_bn(16, 24, 1)
        self.fc = nn.Linear(24, 10)

    def forward(self, x):
        x = self.stem(x)
        x = F.relu(x + self.a2(self.a1(x)))
        x = F.relu(x + self.b2(self.b1(x)))
        x = self.proj(x)
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


class ConcatNet(nn.Module):
    """Two branches concatenated on channels (offsets), then a conv reading the concat."""

    def __init__(self):
        super().__init__()
        self.stem = conv_bn(3, 8)
        self.left = conv_bn(8, 12)
        self.right = conv_bn(8, 20)
        self.fuse = conv_bn(32, 16, 1)
        self.head = nn.Conv2d(16, 5, 1)

    def forward(self, x):
        x = self.stem(x)
        return self.head(self.fuse(torch.cat([self.left(x), self.right(x)], 1)))


class FlattenNet(nn.Module):
    """Flatten of a 4x4 spatial map into a Linear: channel c is features c*16 .. c*16+15."""

    def __init__(self):
        super().__init__()
        self.c1 = conv_bn(1, 8, 3, 2)
        self.c2 = conv_bn(8, 12, 3, 2)
        self.fc1 = nn.Linear(12 * 4 * 4, 32)
        self.fc2 = nn.Linear(32, 10)

    def forward(self, x):
        x = self.c2(self.c1(x))
        return self.fc2(F.relu(self.fc1(torch.flatten(x, 1))))


class MobileBlock(nn.Module):
    """MobileNetV2 inverted residual: expand 1x1, depthwise 3x3, project 1x1, with a residual add."""

    def __init__(self):
        super().__init__()
        self.stem = conv_bn(3, 16)
        self.expand = conv_bn(16, 48, 1)
        self.dw = conv_bn(48, 48, 3, 1, groups=48)
        self.project = nn.Sequential(nn.Conv2d(48, 16, 1, bias=False), nn.BatchNorm2d(16))
        self.head = nn.Conv2d(16, 6, 1)

    def forward(self, x):
        x = self.stem(x)
        x = x + self.project(self.dw(self.expand(x)))
        return self.head(x)


class SqueezeExcite(nn.Module):
    """A squeeze-excitation gate multiplies the feature map: the gate's conv is coupled with the map."""

    def __init__(self):
        super().__init__()
        self.stem = conv_bn(3, 24)
        self.se1 = nn.Conv2d(24, 6, 1)
        self.se2 = nn.Conv2d(6, 24, 1)
        self.head = nn.Conv2d(24, 4, 1)

    def forward(self, x):
        x = self.stem(x)
        g = torch.sigmoid(self.se2(F.relu(self.se1(F.adaptive_avg_pool2d(x, 1)))))
        return self.head(x * g)


class SplitNet(nn.Module):
    """torch.split on channels (ONNX Split with sizes) and a channel slice."""

    def __init__(self):
        super().__init__()
        self.stem = conv_bn(3, 24)
        self.a = conv_bn(10, 8)
        self.b = conv_bn(14, 8)
        self.c = nn.Conv2d(16, 4, 1)
        self.d = nn.Conv2d(6, 4, 1)

    def forward(self, x):
        x = self.stem(x)
        p, q = torch.split(x, [10, 14], 1)
        y = torch.cat([self.a(p), self.b(q)], 1)
        return self.c(y) + self.d(y[:, 4:10])


class GroupedNet(nn.Module):
    """A grouped conv (4 groups): the same index is pruned in every group."""

    def __init__(self):
        super().__init__()
        self.stem = conv_bn(3, 16)
        self.g = conv_bn(16, 32, 3, 1, groups=4)
        self.head = nn.Conv2d(32, 4, 1)

    def forward(self, x):
        return self.head(self.g(self.stem(x)))


class ShuffleNet(nn.Module):
    """A channel shuffle (reshape-transpose-reshape) has unknown channel meaning: its group is not prunable."""

    def __init__(self):
        super().__init__()
        self.stem = conv_bn(3, 16)
        self.after = conv_bn(16, 8, 1)

    def forward(self, x):
        x = self.stem(x)
        n, c, h, w = x.shape
        x = x.reshape(n, 4, c // 4, h, w).transpose(1, 2).reshape(n, c, h, w)
        return self.after(x)


def randomize(model, seed):
    g = torch.Generator().manual_seed(seed)
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            with torch.no_grad():
                m.weight.copy_(torch.rand(m.num_features, generator=g) + 0.5)
                m.bias.copy_(torch.randn(m.num_features, generator=g) * 0.1)
                m.running_mean.copy_(torch.randn(m.num_features, generator=g) * 0.1)
                m.running_var.copy_(torch.rand(m.num_features, generator=g) + 0.5)


def export(model, shape, name, seed):
    torch.manual_seed(seed)
    model.apply(lambda m: m.reset_parameters() if hasattr(m, "reset_parameters") else None)
    randomize(model, seed)
    model.eval()
    path = os.path.join(OUT, name + ".onnx")
    torch.onnx.export(model, torch.randn(*shape), path, opset_version=13, input_names=["input"],
                      output_names=["output"], training=torch.onnx.TrainingMode.PRESERVE,
                      do_constant_folding=False)
    print(name, os.path.getsize(path), "bytes")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    torch.set_num_threads(2)
    export(Residual(), (1, 3, 16, 16), "residual", 1)
    export(ConcatNet(), (1, 3, 16, 16), "concat", 2)
    export(FlattenNet(), (1, 1, 16, 16), "flatten", 3)
    export(MobileBlock(), (1, 3, 16, 16), "mobile_block", 4)
    export(SqueezeExcite(), (1, 3, 16, 16), "squeeze_excite", 5)
    export(SplitNet(), (1, 3, 16, 16), "split", 6)
    export(GroupedNet(), (1, 3, 16, 16), "grouped", 7)
    export(ShuffleNet(), (1, 3, 16, 16), "shuffle", 8)
