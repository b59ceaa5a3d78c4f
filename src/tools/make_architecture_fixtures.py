"""Architectures that broke the export proof (issue 9), exported the way real exporters write them.

Produces src/test/resources/architectures/*.onnx (committed; small). Each network is a scaled-down version of a
public architecture, exported by torch.onnx.export at opsets 13-17, some with a dynamic batch axis and without
constant folding (so shape arithmetic stays in the graph as Shape -> Gather -> Div -> Concat -> Reshape). The Java
tests prune 30 % of the filters of every layer with FPGM and prove the export against the masked-consumer oracle.

Run once by hand: taskset -c 0 /usr/bin/python3 src/tools/make_architecture_fixtures.py
"""
import os

import numpy as np
import onnx
from onnx import helper, numpy_helper, TensorProto
import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "test", "resources", "architectures")


def conv_bn(cin, cout, k=3, s=1, groups=1, act=True):
    layers = [nn.Conv2d(cin, cout, k, s, k // 2, groups=groups, bias=False), nn.BatchNorm2d(cout)]
    if act:
        layers.append(nn.ReLU())
    return nn.Sequential(*layers)


def channel_shuffle(x, groups):
    # torchvision's ShuffleNetV2 code: view to groups, transpose, flatten back.
    n, c, h, w = x.size()
    x = x.view(n, groups, c // groups, h, w)
    x = torch.transpose(x, 1, 2).contiguous()
    return x.view(n, -1, h, w)


class ShuffleUnit(nn.Module):
    """ShuffleNetV2 basic unit: split in two, one branch 1x1 -> dw 3x3 -> 1x1, concat, channel shuffle."""

    def __init__(self, c, groups):
        super().__init__()
        self.groups = groups
        half = c // 2
        self.branch = nn.Sequential(conv_bn(half, half, 1), conv_bn(half, half, 3, groups=half, act=False),
                                    conv_bn(half, half, 1))

    def forward(self, x):
        a, b = x.chunk(2, dim=1)
        return channel_shuffle(torch.cat((a, self.branch(b)), 1), self.groups)


class ShuffleNet(nn.Module):
    """Stem, two shuffle units, then a split whose halves feed a depthwise and a grouped conv."""

    def __init__(self, groups):
        super().__init__()
        c = 12 * groups
        self.stem = conv_bn(3, c)
        self.u1 = ShuffleUnit(c, groups)
        self.u2 = ShuffleUnit(c, groups)
        self.dw = conv_bn(c // 2, c // 2, 3, groups=c // 2)
        self.gc = conv_bn(c // 2, c, 3, groups=2)
        self.head = nn.Conv2d(c // 2 + c, 8, 1)

    def forward(self, x):
        x = self.u2(self.u1(self.stem(x)))
        a, b = x.chunk(2, dim=1)
        y = torch.cat((self.dw(a), self.gc(b)), 1)
        return F.adaptive_avg_pool2d(self.head(y), 1).flatten(1)


class LayerNorm2d(nn.Module):
    """ConvNeXt's channels-first LayerNorm: mean and variance over the channel axis (decomposed in ONNX)."""

    def __init__(self, c):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(c))
        self.bias = nn.Parameter(torch.zeros(c))

    def forward(self, x):
        u = x.mean(1, keepdim=True)
        s = (x - u).pow(2).mean(1, keepdim=True)
        x = (x - u) / torch.sqrt(s + 1e-6)
        return self.weight[:, None, None] * x + self.bias[:, None, None]


class ConvNeXtBlock(nn.Module):
    """dw 7x7 -> permute to NHWC -> LayerNorm(C) -> Linear 4C -> GELU -> Linear C -> gamma [C] -> permute back,
    with a [C,1,1] layer scale before the residual add when `scale_before`."""

    def __init__(self, c, scale_before):
        super().__init__()
        self.dw = nn.Conv2d(c, c, 7, padding=3, groups=c)
        self.norm = nn.LayerNorm(c, eps=1e-6)
        self.pw1 = nn.Linear(c, 4 * c)
        self.pw2 = nn.Linear(4 * c, c)
        self.gamma = nn.Parameter(torch.rand(c) + 0.5)
        self.scale_before = scale_before
        self.gamma2 = nn.Parameter(torch.rand(c, 1, 1) + 0.5)

    def forward(self, x):
        y = self.dw(x).permute(0, 2, 3, 1)
        y = self.pw2(F.gelu(self.pw1(self.norm(y))))
        y = (self.gamma * y).permute(0, 3, 1, 2)
        if self.scale_before:
            y = self.gamma2 * y
        return x + y


class ConvNeXt(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 16, 4, 4), LayerNorm2d(16))
        self.b1 = ConvNeXtBlock(16, False)
        self.b2 = ConvNeXtBlock(16, True)
        self.down = nn.Sequential(LayerNorm2d(16), nn.Conv2d(16, 24, 2, 2))
        self.b3 = ConvNeXtBlock(24, True)
        self.norm = nn.LayerNorm(24)
        self.head = nn.Linear(24, 10)

    def forward(self, x):
        x = self.b3(self.down(self.b2(self.b1(self.stem(x)))))
        return self.head(self.norm(x.mean([-2, -1])))


class Fire(nn.Module):
    def __init__(self, cin, squeeze, e1, e3):
        super().__init__()
        self.squeeze = nn.Conv2d(cin, squeeze, 1)
        self.e1 = nn.Conv2d(squeeze, e1, 1)
        self.e3 = nn.Conv2d(squeeze, e3, 3, padding=1)

    def forward(self, x):
        x = F.relu(self.squeeze(x))
        return torch.cat([F.relu(self.e1(x)), F.relu(self.e3(x))], 1)


class SqueezeNet(nn.Module):
    """torchvision SqueezeNet 1.1 in miniature: fire modules, ceil-mode max pools, conv classifier + global pool."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 16, 3, 2), nn.ReLU(), nn.MaxPool2d(3, 2, ceil_mode=True),
            Fire(16, 4, 8, 8), Fire(16, 4, 8, 8), nn.MaxPool2d(3, 2, ceil_mode=True),
            Fire(16, 6, 12, 12), Fire(24, 6, 12, 12))
        self.classifier = nn.Sequential(nn.Dropout(0.5), nn.Conv2d(24, 10, 1), nn.ReLU(), nn.AdaptiveAvgPool2d(1))

    def forward(self, x):
        return torch.flatten(self.classifier(self.features(x)), 1)


class MatMulHead(nn.Module):
    """A classifier whose head is Flatten (or Reshape) -> MatMul -> Add; weights moved to Constant nodes below."""

    def __init__(self, reshape):
        super().__init__()
        self.reshape = reshape
        self.c1 = conv_bn(3, 8, 3, 2)
        self.c2 = conv_bn(8, 12, 3, 2)
        self.w1 = nn.Parameter(torch.randn(12 * 4 * 4, 20) * 0.1)
        self.b1 = nn.Parameter(torch.randn(20) * 0.1)
        self.w2 = nn.Parameter(torch.randn(20, 10) * 0.1)

    def forward(self, x):
        x = self.c2(self.c1(x))
        if self.reshape == "fixed":  # a converter's constant target naming the feature count
            x = x.reshape(-1, 12 * 4 * 4)
        elif self.reshape:
            x = x.reshape(x.shape[0], -1)
        else:
            x = torch.flatten(x, 1)
        return torch.matmul(F.relu(torch.matmul(x, self.w1) + self.b1), self.w2)


class SplitGroups(nn.Module):
    """Grouped and depthwise convs after a Split (sizes given and even chunks)."""

    def __init__(self):
        super().__init__()
        self.stem = conv_bn(3, 24)
        self.dw = conv_bn(8, 8, 3, groups=8)
        self.g2 = conv_bn(16, 16, 3, groups=2)
        self.g4 = conv_bn(8, 16, 3, groups=4)
        self.dw2 = conv_bn(8, 8, 3, groups=8)
        self.head = nn.Conv2d(8 + 16 + 8 + 8 + 8, 6, 1)

    def forward(self, x):
        x = self.stem(x)
        a, b = torch.split(x, [8, 16], 1)
        a = self.dw(a)
        b = self.g2(b)
        c, d = b.chunk(2, 1)
        y = torch.cat([a, self.g4(c), self.dw2(d), d, c], 1)
        return self.head(y)


def randomize(model, seed):
    g = torch.Generator().manual_seed(seed)
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            with torch.no_grad():
                m.weight.copy_(torch.rand(m.num_features, generator=g) + 0.5)
                m.bias.copy_(torch.randn(m.num_features, generator=g) * 0.1)
                m.running_mean.copy_(torch.randn(m.num_features, generator=g) * 0.1)
                m.running_var.copy_(torch.rand(m.num_features, generator=g) + 0.5)
        if isinstance(m, (nn.LayerNorm, LayerNorm2d)):
            with torch.no_grad():
                m.weight.copy_(torch.rand(m.weight.shape, generator=g) + 0.5)
                m.bias.copy_(torch.randn(m.bias.shape, generator=g) * 0.1)


def export(model, shape, name, seed, opset, dynamic=False, fold=True):
    torch.manual_seed(seed)
    randomize(model, seed)
    model.eval()
    path = os.path.join(OUT, name + ".onnx")
    axes = {"input": {0: "batch"}, "output": {0: "batch"}} if dynamic else None
    torch.onnx.export(model, torch.randn(*shape), path, opset_version=opset, input_names=["input"],
                      output_names=["output"], dynamic_axes=axes, do_constant_folding=fold)
    print(name, os.path.getsize(path), "bytes")
    return path


def weights_to_constant_nodes(path, read_through_identity=False):
    """Moves every initializer into a Constant node, as paddle2onnx and some TF converters write them; with
    read_through_identity, each is read through an Identity, as tf2onnx keeps TF's ReadVariableOp."""
    m = onnx.load(path)
    g = m.graph
    consts = [helper.make_node("Constant", [], [t.name], value=t, name="const_" + t.name) for t in g.initializer]
    if read_through_identity:
        names = {t.name for t in g.initializer}
        for n in g.node:
            for i, x in enumerate(n.input):
                if x in names:
                    n.input[i] = x + "/read"
        consts += [helper.make_node("Identity", [x], [x + "/read"], name="read_" + x) for x in sorted(names)]
    del g.initializer[:]
    nodes = consts + list(g.node)
    del g.node[:]
    g.node.extend(nodes)
    onnx.checker.check_model(m)
    onnx.save(m, path)


def control_flow(path):
    """conv -> BN -> If(cond: a Relu or an Identity of the BN output, read from the outer scope) -> conv."""
    rng = np.random.default_rng(11)

    def init(name, arr):
        return numpy_helper.from_array(arr.astype(np.float32), name)

    inits = [init("w1", rng.normal(0, 0.3, (8, 3, 3, 3))), init("w2", rng.normal(0, 0.3, (6, 8, 3, 3))),
             init("w3", rng.normal(0, 0.3, (4, 6, 1, 1))),
             init("s", rng.uniform(0.5, 1.5, 8)), init("b", rng.normal(0, 0.1, 8)),
             init("m", rng.normal(0, 0.1, 8)), init("v", rng.uniform(0.5, 1.5, 8)),
             numpy_helper.from_array(np.array(True), "cond")]
    then_g = helper.make_graph([helper.make_node("Relu", ["bn"], ["t_out"])], "then", [],
                               [helper.make_tensor_value_info("t_out", TensorProto.FLOAT, None)])
    else_g = helper.make_graph([helper.make_node("Identity", ["bn"], ["e_out"])], "else", [],
                               [helper.make_tensor_value_info("e_out", TensorProto.FLOAT, None)])
    nodes = [helper.make_node("Conv", ["input", "w1"], ["c1"], pads=[1, 1, 1, 1], name="conv1"),
             helper.make_node("BatchNormalization", ["c1", "s", "b", "m", "v"], ["bn"], name="bn1"),
             helper.make_node("If", ["cond"], ["if_out"], then_branch=then_g, else_branch=else_g, name="if1"),
             helper.make_node("Conv", ["if_out", "w2"], ["c2"], pads=[1, 1, 1, 1], name="conv2"),
             helper.make_node("Relu", ["c2"], ["r2"], name="relu2"),
             helper.make_node("Conv", ["r2", "w3"], ["output"], name="conv3")]
    graph = helper.make_graph(nodes, "control_flow", [helper.make_tensor_value_info("input", TensorProto.FLOAT,
                                                                                    [1, 3, 8, 8])],
                              [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 4, 8, 8])], inits)
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="make_architecture_fixtures")
    m.ir_version = 8
    onnx.checker.check_model(m)
    onnx.save(m, path)
    print("control_flow", os.path.getsize(path), "bytes")


def torchvision_structure(ctor, size, name, opset):
    """A real torchvision network, exported with its (random) weights so no two initializers are equal (torch's
    exporter would merge equal ones), then every float initializer zeroed and the file gzipped: structure only, a
    few KB. The Java tests give it seeded random weights (TestModels.withRandomWeights)."""
    import gzip
    import io
    net = ctor()
    net.eval()
    buf = io.BytesIO()
    torch.onnx.export(net, torch.randn(1, 3, size, size), buf, opset_version=opset, input_names=["input"],
                      output_names=["output"], dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
    m = onnx.load_from_string(buf.getvalue())
    for t in m.graph.initializer:
        if t.data_type == TensorProto.FLOAT:
            t.CopyFrom(numpy_helper.from_array(np.zeros(tuple(t.dims), np.float32), t.name))
    path = os.path.join(OUT, name + ".onnx.gz")
    with open(path, "wb") as f, gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0, compresslevel=9) as gz:
        gz.write(m.SerializeToString())
    print(name, os.path.getsize(path), "bytes gzipped")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    torch.set_num_threads(1)
    torch.manual_seed(0)  # module construction draws weights: fixed, so reruns write the same files
    export(ShuffleNet(2), (1, 3, 16, 16), "shuffle2", 21, 13, dynamic=True, fold=False)
    export(ShuffleNet(3), (1, 3, 16, 16), "shuffle3", 22, 15, fold=True)
    export(ConvNeXt(), (1, 3, 32, 32), "convnext17", 23, 17, dynamic=True)
    export(ConvNeXt(), (1, 3, 32, 32), "convnext13", 24, 13)
    export(SqueezeNet(), (1, 3, 48, 48), "squeezenet", 25, 13, dynamic=True)
    weights_to_constant_nodes(export(MatMulHead(False), (1, 3, 16, 16), "matmul_flatten", 26, 13))
    weights_to_constant_nodes(export(MatMulHead(True), (1, 3, 16, 16), "matmul_reshape", 27, 14, dynamic=True,
                                     fold=False))
    weights_to_constant_nodes(export(MatMulHead("fixed"), (1, 3, 16, 16), "matmul_fixed", 29, 13), True)
    export(SplitGroups(), (1, 3, 16, 16), "split_groups", 28, 16, dynamic=True, fold=False)
    control_flow(os.path.join(OUT, "control_flow.onnx"))
    import torchvision
    torchvision_structure(torchvision.models.squeezenet1_1, 96, "tv_squeezenet1_1", 13)
    torchvision_structure(torchvision.models.squeezenet1_0, 96, "tv_squeezenet1_0", 14)
    torchvision_structure(torchvision.models.shufflenet_v2_x0_5, 64, "tv_shufflenet_v2_x0_5", 13)
