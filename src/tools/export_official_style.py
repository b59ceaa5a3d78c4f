"""Export the trained Fashion-MNIST YOLOv5n the way YOLOv5's own export.py builds ONNX files, for bring-your-own tests.

The official exporter traces Detect in export mode: each level's head is reshaped with sizes read from the traced
tensor (Shape -> Gather -> Unsqueeze -> Concat -> Reshape at run time), the decode grids are built inside the graph
(Range/meshgrid/Expand) when axes are dynamic, BatchNorm is folded (the model is fused before export), the output is
`output0` [batch, anchors, 5 + nc], and the metadata holds `stride` and `names` as Python literals. `--simplify`
runs onnx-simplifier, which is not packaged here; its effect on these graphs (constant subgraphs folded: the grids'
Expand/Where/ConstantOfShape chains become initializers) is reproduced by ONNX Runtime's basic graph optimisations
written back to a file (standard ops only), run with a Python that has onnxruntime (the `python3` on PATH here).

Writes to src/test/resources/fixtures/official/ (gzipped):
  yolov5n-fashion-dynamic-op17.onnx.gz   opset 17, dynamic batch/height/width, not simplified, trained weights
  yolov5n-fashion-op12.onnx.gz           opset 12, fixed 1x3x320x320, weights zeroed (structure only)
  yolov5n-fashion-batch-op13.onnx.gz     opset 13, dynamic batch only, weights zeroed (structure only)
  yolov5n-fashion-simplified-op13.onnx.gz  opset 13, fixed, folded the way --simplify folds, weights zeroed

Run after train_yolov5_detector.py (it reads /tmp/yolov5n-fashion.pt):
    /usr/bin/python3 src/tools/export_official_style.py
"""
import copy
import gzip
import io
import os
import sys
import warnings

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import onnx  # noqa: E402
import onnx_util  # noqa: E402
import make_detection_dataset as scenes  # noqa: E402
import yolov5  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "src", "test", "resources", "fixtures", "official")


class ExportModeDetect(nn.Module):
    """Detect as YOLOv5 (v6.x/v7.0) traces it for export: sizes from the tensor, grids rebuilt when dynamic."""

    def __init__(self, det, dynamic):
        super().__init__()
        self.m, self.nc, self.no, self.nl, self.na = det.m, det.nc, det.no, det.nl, det.na
        self.stride = det.stride
        self.register_buffer("anchors", det.anchors.clone())  # pixels, [nl, na, 2]
        self.dynamic = dynamic
        self.grid = [torch.empty(0) for _ in range(self.nl)]
        self.anchor_grid = [torch.empty(0) for _ in range(self.nl)]

    def make_grid(self, nx, ny, i):
        shape = 1, self.na, ny, nx, 2
        y, x = torch.arange(ny, dtype=torch.float32), torch.arange(nx, dtype=torch.float32)
        yv, xv = torch.meshgrid(y, x, indexing="ij")
        grid = torch.stack((xv, yv), 2).expand(shape) - 0.5
        anchor_grid = self.anchors[i].view((1, self.na, 1, 1, 2)).expand(shape)
        return grid, anchor_grid

    def forward(self, xs):
        z = []
        for i in range(self.nl):
            x = self.m[i](xs[i])
            bs, _, ny, nx = x.shape
            x = x.view(bs, self.na, self.no, ny, nx).permute(0, 1, 3, 4, 2).contiguous()
            if self.dynamic or self.grid[i].shape[2:4] != x.shape[2:4]:
                self.grid[i], self.anchor_grid[i] = self.make_grid(nx, ny, i)
            xy, wh, conf = x.sigmoid().split((2, 2, self.nc + 1), 4)
            xy = (xy * 2 + self.grid[i]) * self.stride[i]
            wh = (wh * 2) ** 2 * self.anchor_grid[i]
            z.append(torch.cat((xy, wh, conf), 4).view(bs, self.na * nx * ny, self.no))
        return (torch.cat(z, 1),)


def export(model, opset, dynamic):
    """dynamic: None, 'batch' or 'all' (batch, height, width — export.py --dynamic)."""
    net = copy.deepcopy(model).eval()
    yolov5.fuse_bn(net)
    net.detect = ExportModeDetect(net.detect, dynamic == "all")
    axes = None
    if dynamic == "all":
        axes = {"images": {0: "batch", 2: "height", 3: "width"}, "output0": {0: "batch", 1: "anchors"}}
    elif dynamic == "batch":
        axes = {"images": {0: "batch"}, "output0": {0: "batch"}}
    f = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(net, torch.zeros(1, 3, 320, 320), f, opset_version=opset, do_constant_folding=True,
                          input_names=["images"], output_names=["output0"], dynamic_axes=axes)
    m = onnx.load_from_string(f.getvalue())
    onnx.checker.check_model(m)
    for k, v in (("stride", "32"), ("names", str({i: n for i, n in enumerate(scenes.CLASSES)}))):
        p = m.metadata_props.add()
        p.key, p.value = k, v
    return m


def simplify(m):
    """Constant folding as onnx-simplifier does it, by ONNX Runtime's basic optimisation level in another Python."""
    import subprocess
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        src, dst = os.path.join(d, "in.onnx"), os.path.join(d, "out.onnx")
        onnx.save(m, src)
        code = ("import onnxruntime as ort, sys; so = ort.SessionOptions(); "
                "so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC; "
                "so.optimized_model_filepath = sys.argv[2]; ort.InferenceSession(sys.argv[1], so)")
        subprocess.run(["python3", "-c", code, src, dst], check=True)
        out = onnx.load(dst)
    onnx.checker.check_model(out)
    return out


def zero_conv_weights(m):
    """Structure only: zero the Conv weights and biases (the decode grids and anchors, initializers after
    simplification, keep their values so the graph still decodes)."""
    conv_inputs = {x for n in m.graph.node if n.op_type == "Conv" for x in n.input[1:]}
    from onnx import numpy_helper
    for t in m.graph.initializer:
        if t.name in conv_inputs:
            t.CopyFrom(numpy_helper.from_array(numpy_helper.to_array(t) * 0, t.name))


def save(m, name, zero):
    if zero:
        zero_conv_weights(m)
    with open(os.path.join(OUT, name), "wb") as out:
        with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0, compresslevel=9) as gz:
            gz.write(m.SerializeToString())
    ops = sorted({n.op_type for n in m.graph.node})
    print(f"{name}: {len(m.graph.node)} nodes, {os.path.getsize(os.path.join(OUT, name))} bytes, ops {ops}")


if __name__ == "__main__":
    torch.set_num_threads(2)
    os.makedirs(OUT, exist_ok=True)
    ck = torch.load("/tmp/yolov5n-fashion.pt")
    model = yolov5.yolov5("n", nc=10)
    model.load_state_dict(ck["model"])
    save(export(model, 17, "all"), "yolov5n-fashion-dynamic-op17.onnx.gz", zero=False)
    save(export(model, 12, None), "yolov5n-fashion-op12.onnx.gz", zero=True)
    save(export(model, 13, "batch"), "yolov5n-fashion-batch-op13.onnx.gz", zero=True)
    save(simplify(export(model, 13, None)), "yolov5n-fashion-simplified-op13.onnx.gz", zero=True)
