"""A segmentation-style network whose sigmoid output map sits near zero, for the export proof's tolerance.

Produces src/test/resources/proof/sigmoid_seg.onnx (a few KB, committed). Its head's bias is -14, as a trained
segmentation head's is where almost every pixel is background: on most inputs every output is about 1e-6, so a
proof that measures error relative to the output's largest value reads rounding noise as tens of percent.
The Java tests prune it with FPGM and check the export is proven, and that a genuinely wrong export is refused.

Run once by hand: taskset -c 0 /usr/bin/python3 src/tools/make_proof_fixtures.py
"""
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "test", "resources", "proof")


def conv_bn(cin, cout, k=3, s=1):
    return nn.Sequential(nn.Conv2d(cin, cout, k, s, k // 2, bias=False), nn.BatchNorm2d(cout), nn.ReLU())


class SigmoidSeg(nn.Module):
    """Encoder (two scales), upsample, skip concat, decoder conv, 1x1 head with a background bias, Sigmoid."""

    def __init__(self):
        super().__init__()
        self.enc1 = conv_bn(3, 16)
        self.enc2 = conv_bn(16, 32, s=2)
        self.mid = conv_bn(32, 32)
        self.dec = conv_bn(48, 16)
        self.head = nn.Conv2d(16, 1, 1)

    def forward(self, x):
        a = self.enc1(x)
        b = self.mid(self.enc2(a))
        up = F.interpolate(b, scale_factor=2.0, mode="nearest")
        return torch.sigmoid(self.head(self.dec(torch.cat([up, a], 1))))


def randomize(model, seed):
    g = torch.Generator().manual_seed(seed)
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            with torch.no_grad():
                m.weight.copy_(torch.rand(m.num_features, generator=g) + 0.5)
                m.bias.copy_(torch.randn(m.num_features, generator=g) * 0.1)
                m.running_mean.copy_(torch.randn(m.num_features, generator=g) * 0.1)
                m.running_var.copy_(torch.rand(m.num_features, generator=g) + 0.5)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    torch.set_num_threads(1)
    torch.manual_seed(11)
    model = SigmoidSeg()
    randomize(model, 11)
    with torch.no_grad():
        model.head.bias.fill_(-14.0)
    model.eval()
    path = os.path.join(OUT, "sigmoid_seg.onnx")
    torch.onnx.export(model, torch.rand(1, 3, 32, 32), path, opset_version=13, input_names=["input"],
                      output_names=["mask"], do_constant_folding=True)
    with torch.no_grad():
        y = model(torch.rand(1, 3, 32, 32) * 2 - 1)
    print("sigmoid_seg", os.path.getsize(path), "bytes; output on uniform[-1,1] noise: max", float(y.max()))
