"""View fixtures for the folded network view and the module tree (issue 11): graphs built the way real exporters
build them, with shape arithmetic left in the graph and exporter-style node names.

Writes to src/test/resources/view/ (gzipped, weights in a repeating pattern so the files stay small):
  yolov5s-tangle.onnx.gz   YOLOv5s (v6 layout as model.0 .. model.24, like ultralytics' own module names) exported by
                           torch.onnx.export with dynamic batch/height/width and do_constant_folding=False: the
                           Detect head reshapes with sizes from Shape -> Gather -> Unsqueeze -> Concat, the grids are
                           built at run time (Range, Expand, ConstantOfShape ...), every constant is a Constant node.
  yolov5n-tangle.onnx.gz   the same at YOLOv5n width.
  paddle-style.onnx.gz     a small conv net written the way paddle2onnx writes it: nodes named p2o.Conv.0, weights in
                           Constant nodes (empty graph.initializer), a Shape/Slice/Concat chain feeding a Reshape.
  tf-style.onnx.gz         the way tf2onnx writes a Keras model: StatefulPartitionedCall/model/conv2d/Conv2D names,
                           NHWC input with Transpose, Identity and Cast nodes, a Shape -> Cast -> Reshape head.

Random or patterned weights: these are view fixtures, nothing is measured on them.
    /usr/bin/python3 src/tools/make_view_fixtures.py
"""
import gzip
import io
import os
import sys
import warnings

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import yolov5  # noqa: E402
from export_official_style import ExportModeDetect  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "src", "test", "resources", "view")


class Concat(nn.Module):
    def forward(self, xs):
        return torch.cat(xs, 1)


class UltralyticsLayout(nn.Module):
    """The repo's YOLOv5 re-indexed as ultralytics numbers its layers (model.0 .. model.24), so that the exported
    node names are /model.2/cv1/conv/Conv, /model.2/m/m.0/cv1/conv/Conv, /model.24/m.0/Conv like a real export."""

    def __init__(self, net):
        super().__init__()
        up = nn.Upsample(scale_factor=2, mode="nearest")
        self.model = nn.ModuleList([net.b0, net.b1, net.b2, net.b3, net.b4, net.b5, net.b6, net.b7, net.b8, net.b9,
                                    net.h10, up, Concat(), net.h13, net.h14, nn.Upsample(scale_factor=2),
                                    Concat(), net.h17, net.h18, Concat(), net.h20, net.h21, Concat(), net.h23,
                                    net.detect])

    def forward(self, x):
        m = self.model
        for i in range(5):
            x = m[i](x)
        p3 = x
        p4 = m[6](m[5](p3))
        x = m[9](m[8](m[7](p4)))
        h10 = m[10](x)
        x = m[13](m[12]((m[11](h10), p4)))
        h14 = m[14](x)
        out3 = m[17](m[16]((m[15](h14), p3)))
        out4 = m[20](m[19]((m[18](out3), h14)))
        out5 = m[23](m[22]((m[21](out4), h10)))
        return m[24]([out3, out4, out5])


def patterned(t, period=61):
    """Fill a tensor with a short random block repeated (gzip shrinks it; filters still differ)."""
    block = torch.randn(period, generator=GEN) * 0.05
    n = t.numel()
    reps = (n + period - 1) // period
    return block.repeat(reps)[:n].view_as(t)


GEN = torch.Generator().manual_seed(11)


def tangle(size):
    net = yolov5.yolov5(size, nc=80).eval()
    yolov5.fuse_bn(net)
    with torch.no_grad():
        for p in net.parameters():
            p.copy_(patterned(p))
    net.detect = ExportModeDetect(net.detect, True)
    model = UltralyticsLayout(net).eval()
    axes = {"images": {0: "batch", 2: "height", 3: "width"}, "output0": {0: "batch", 1: "anchors"}}
    f = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(model, torch.zeros(1, 3, 320, 320), f, opset_version=17, do_constant_folding=False,
                          input_names=["images"], output_names=["output0"], dynamic_axes=axes)
    m = onnx.load_from_string(f.getvalue())
    onnx.checker.check_model(m)
    return m


def const(name, array):
    """A Constant node the way paddle2onnx writes every weight."""
    return helper.make_node("Constant", [], [name], name=name.replace("_w", ".c"),
                            value=numpy_helper.from_array(np.asarray(array), name))


def paddle_style():
    rng = np.random.default_rng(11)
    nodes, k = [], [0]

    def name(op):
        k[0] += 1
        return "p2o.%s.%d" % (op, k[0] - 1)

    def conv(x, cin, cout, kernel, out):
        w = "%s_w" % out
        b = "%s_b" % out
        nodes.append(helper.make_node("Constant", [], [w], name=name("Constant"),
                                      value=numpy_helper.from_array(
                                          rng.normal(0, 0.1, (cout, cin, kernel, kernel)).astype(np.float32), w)))
        nodes.append(helper.make_node("Constant", [], [b], name=name("Constant"),
                                      value=numpy_helper.from_array(np.zeros(cout, np.float32), b)))
        nodes.append(helper.make_node("Conv", [x, w, b], [out], name=name("Conv"), pads=[kernel // 2] * 4))
        relu = out + "_relu"
        nodes.append(helper.make_node("Relu", [out], [relu], name=name("Relu")))
        return relu

    x = conv("x", 3, 8, 3, "conv0")
    x = conv(x, 8, 16, 3, "conv1")
    x = conv(x, 16, 16, 1, "conv2")
    # head: reshape to [N, 16, H*W] with the shape built from Shape -> Slice -> Concat at run time
    nodes.append(helper.make_node("Shape", [x], ["shp"], name=name("Shape")))
    for t, v in (("st", [0]), ("en", [2]), ("tail", [-1])):
        nodes.append(helper.make_node("Constant", [], [t], name=name("Constant"),
                                      value=numpy_helper.from_array(np.array(v, np.int64), t)))
    nodes.append(helper.make_node("Slice", ["shp", "st", "en"], ["nc"], name=name("Slice")))
    nodes.append(helper.make_node("Concat", ["nc", "tail"], ["newshape"], name=name("Concat"), axis=0))
    nodes.append(helper.make_node("Reshape", [x, "newshape"], ["flat"], name=name("Reshape")))
    nodes.append(helper.make_node("Identity", ["flat"], ["out"], name=name("Identity")))
    g = helper.make_graph(nodes, "paddle_style",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 3, 16, 16])],
                          [helper.make_tensor_value_info("out", TensorProto.FLOAT, ["N", 16, 256])])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)], producer_name="PaddlePaddle")
    onnx.checker.check_model(m)
    return m


def tf_style():
    rng = np.random.default_rng(12)
    p = "StatefulPartitionedCall/model/"
    inits, nodes = [], []

    def conv(x, cin, cout, layer):
        w = p + layer + "/Conv2D/ReadVariableOp:0"
        b = p + layer + "/BiasAdd/ReadVariableOp:0"
        inits.append(numpy_helper.from_array(rng.normal(0, 0.1, (cout, cin, 3, 3)).astype(np.float32), w))
        inits.append(numpy_helper.from_array(np.zeros(cout, np.float32), b))
        out = p + layer + "/BiasAdd:0"
        nodes.append(helper.make_node("Conv", [x, w, b], [out], name=p + layer + "/BiasAdd", pads=[1] * 4))
        act = p + layer + "/Relu:0"
        nodes.append(helper.make_node("Relu", [out], [act], name=p + layer + "/Relu"))
        return act

    nodes.append(helper.make_node("Transpose", ["input_1"], ["nchw"], name=p + "conv2d/Conv2D__6",
                                  perm=[0, 3, 1, 2]))
    x = conv("nchw", 3, 8, "conv2d")
    x = conv(x, 8, 8, "conv2d_1")
    nodes.append(helper.make_node("Identity", [x], ["id0"], name=p + "dropout/Identity"))
    nodes.append(helper.make_node("Transpose", ["id0"], ["nhwc"], name=p + "conv2d_1/Relu__12", perm=[0, 2, 3, 1]))
    nodes.append(helper.make_node("Shape", ["nhwc"], ["s0"], name=p + "flatten/Shape"))
    nodes.append(helper.make_node("Cast", ["s0"], ["s1"], name=p + "flatten/Shape__14", to=TensorProto.INT64))
    inits.append(numpy_helper.from_array(np.array([0], np.int64), p + "flatten/Const_0"))
    inits.append(numpy_helper.from_array(np.array([1], np.int64), p + "flatten/Const_1"))
    inits.append(numpy_helper.from_array(np.array([-1], np.int64), p + "flatten/Const_2"))
    nodes.append(helper.make_node("Slice", ["s1", p + "flatten/Const_0", p + "flatten/Const_1"], ["s2"],
                                  name=p + "flatten/strided_slice"))
    nodes.append(helper.make_node("Concat", ["s2", p + "flatten/Const_2"], ["s3"], name=p + "flatten/Reshape/shape",
                                  axis=0))
    nodes.append(helper.make_node("Reshape", ["nhwc", "s3"], ["flat"], name=p + "flatten/Reshape"))
    w = p + "dense/MatMul/ReadVariableOp:0"
    inits.append(numpy_helper.from_array(rng.normal(0, 0.1, (8 * 8 * 8, 10)).astype(np.float32), w))
    nodes.append(helper.make_node("MatMul", ["flat", w], ["logits"], name=p + "dense/MatMul"))
    nodes.append(helper.make_node("Cast", ["logits"], ["dense"], name=p + "dense/Cast", to=TensorProto.FLOAT))
    g = helper.make_graph(nodes, "tf_style",
                          [helper.make_tensor_value_info("input_1", TensorProto.FLOAT, ["unk__20", 8, 8, 3])],
                          [helper.make_tensor_value_info("dense", TensorProto.FLOAT, ["unk__21", 10])], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)], producer_name="tf2onnx")
    onnx.checker.check_model(m)
    return m


def expected_fold(m):
    """The fold rule written independently of the Java GraphFold, for the tests' reference counts: a node is folded
    as shape arithmetic when it is Shape/Size or all its inputs are constants or such values; Constant nodes and
    Identity of initializers are constants; Identity and a Cast to the type it already has are pass-through."""
    g = m.graph
    outputs = {o.name for o in g.output}
    free = {t.name for t in g.initializer}
    types = {t.name: t.data_type for t in g.initializer}
    for vi in list(g.input) + list(g.value_info):
        types[vi.name] = vi.type.tensor_type.elem_type
    counts = {"constant": 0, "shape": 0, "pass": 0}
    for n in g.node:
        if n.output[0] in outputs:
            continue
        ins = [i for i in n.input if i]
        if n.op_type == "Constant":
            counts["constant"] += 1
            free.update(n.output)
        elif n.op_type in ("Shape", "Size") or (ins and all(i in free for i in ins)):
            kind = "constant" if n.op_type == "Identity" and all(i in types and i in
                                                                   {t.name for t in g.initializer} for i in ins) \
                else "shape"
            counts[kind] += 1
            free.update(n.output)
        elif n.op_type == "Identity":
            counts["pass"] += 1
        elif n.op_type == "Cast" and types.get(n.input[0]) == next(a.i for a in n.attribute if a.name == "to"):
            counts["pass"] += 1
        if n.op_type == "Cast":
            types[n.output[0]] = next(a.i for a in n.attribute if a.name == "to")
    counts["nodes"] = len(g.node)
    counts["drawn"] = len(g.node) - counts["constant"] - counts["shape"] - counts["pass"]
    counts["conv"] = sum(1 for n in g.node if n.op_type in ("Conv", "Gemm", "MatMul"))
    return counts


EXPECTED = {}


def write(m, name):
    EXPECTED[name] = expected_fold(m)
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, name)
    with gzip.open(path, "wb", compresslevel=9) as f:
        f.write(m.SerializeToString())
    print("%-24s %4d nodes  %8d bytes" % (name, len(m.graph.node), os.path.getsize(path)))


if __name__ == "__main__":
    write(tangle("s"), "yolov5s-tangle.onnx.gz")
    write(tangle("n"), "yolov5n-tangle.onnx.gz")
    write(paddle_style(), "paddle-style.onnx.gz")
    write(tf_style(), "tf-style.onnx.gz")
    import json
    with open(os.path.join(OUT, "expected-fold.json"), "w") as f:
        json.dump(EXPECTED, f, indent=1, sort_keys=True)
    print(json.dumps(EXPECTED, sort_keys=True))
