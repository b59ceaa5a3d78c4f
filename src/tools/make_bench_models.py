"""Large benchmark models for src/tools/bench_side_by_side.sh, written to /tmp/fixtures-work/bench (NOT committed).

  resnet50.onnx, resnet18.onnx, vgg11_bn.onnx   torchvision, random init, BN folded, 1x3x224x224
  yolov5s.onnx                                   YOLOv5s v6 (src/tools/yolov5.py), random BN, folded, 1x3x640x640
  chain3000.onnx                                 3,000 nodes: 1,000 residual blocks Conv(16→16, 3×3) → Relu → Add,
                                                 1x16x32x32, seeded random weights (time to interactive, issue 13)

Run (about a minute on 2 cores):
    /usr/bin/python3 src/tools/make_bench_models.py [--only resnet50,yolov5s]
"""
import argparse
import os
import sys

import onnx
import torch
import torchvision

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import export_fixtures  # noqa: E402  (export helpers; importing it writes nothing)
import onnx_util  # noqa: E402

BENCH = "/tmp/fixtures-work/bench"


def yolov5s():
    img = 640
    m = export_fixtures.make_yolov5("s", 20240601, img)
    return onnx_util.export_onnx(m, torch.zeros(1, 3, img, img), keep_bn=False, input_names=["images"],
                                 output_names=["output"])


def chain3000(blocks=1000, ch=16):
    import numpy as np
    from onnx import helper, numpy_helper, TensorProto
    rng = np.random.default_rng(20261130)
    nodes, inits, x = [], [], "input"
    for i in range(blocks):
        w = (rng.standard_normal((ch, ch, 3, 3)) * 0.05).astype(np.float32)
        inits += [numpy_helper.from_array(w, f"b{i}.w"), numpy_helper.from_array(np.zeros(ch, np.float32), f"b{i}.b")]
        nodes += [helper.make_node("Conv", [x, f"b{i}.w", f"b{i}.b"], [f"b{i}.c"], name=f"b{i}.conv", pads=[1, 1, 1, 1]),
                  helper.make_node("Relu", [f"b{i}.c"], [f"b{i}.r"], name=f"b{i}.relu"),
                  helper.make_node("Add", [f"b{i}.r", x], [f"b{i}.y"], name=f"b{i}.add")]
        x = f"b{i}.y"
    nodes[-1].output[0] = "output"
    g = helper.make_graph(nodes, "chain3000", [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, ch, 32, 32])],
                          [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, ch, 32, 32])], inits)
    return helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)], ir_version=8)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", default="", help="comma-separated subset")
    args = ap.parse_args()
    torch.set_num_threads(2)
    os.makedirs(BENCH, exist_ok=True)
    makers = {
        "resnet50": lambda: export_fixtures.export_torchvision(torchvision.models.resnet50),
        "resnet18": lambda: export_fixtures.export_torchvision(torchvision.models.resnet18),
        "vgg11_bn": lambda: export_fixtures.export_torchvision(torchvision.models.vgg11_bn),
        "yolov5s": yolov5s,
        "chain3000": chain3000,
    }
    wanted = [w for w in args.only.split(",") if w] or list(makers)
    for name in wanted:
        path = os.path.join(BENCH, f"{name}.onnx")
        if os.path.exists(path):
            print(f"bench: {path} exists")
            continue
        onnx.save(makers[name](), path)
        print(f"bench: {path} {os.path.getsize(path) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
