"""The workbench's warm-up model: src/main/resources/io/prunescope/ui/warm-up.onnx (committed, ~40 KB).

ui/WindowWarmUp opens it in an off-screen copy of the table, inspector and heatmaps while the window starts, so that
JavaFX's cold code (skins, CSS, cells, layout) runs before the first real model arrives (src/docs/time-to-interactive.md).
What matters is its shape, not its numbers: 3 stages × 8 residual blocks of Conv(8→8, 3×3) → Relu → Add, with
slash-scoped names as PyTorch exports them (so the table becomes a tree by module), a Flatten and a Gemm (a dense
layer: the heatmaps' dense code), seeded random weights, 1×8×8×8 input.

Run: /usr/bin/python3 src/tools/make_warm_up_model.py
"""
import os

import numpy as np
from onnx import TensorProto, helper, numpy_helper, save

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "main", "resources", "io", "prunescope", "ui",
                   "warm-up.onnx")


def main(stages=3, blocks=8, ch=8, side=8):
    rng = np.random.default_rng(20261130)
    nodes, inits, x = [], [], "input"
    for s in range(stages):
        for b in range(blocks):
            p = f"/stage{s}/b{b}"
            w = (rng.standard_normal((ch, ch, 3, 3)) * 0.1).astype(np.float32)
            inits += [numpy_helper.from_array(w, f"stage{s}.b{b}.conv.weight"),
                      numpy_helper.from_array((rng.standard_normal(ch) * 0.01).astype(np.float32),
                                              f"stage{s}.b{b}.conv.bias")]
            nodes += [helper.make_node("Conv", [x, f"stage{s}.b{b}.conv.weight", f"stage{s}.b{b}.conv.bias"],
                                       [f"{p}/conv/Conv_output_0"], name=f"{p}/conv/Conv", pads=[1, 1, 1, 1]),
                      helper.make_node("Relu", [f"{p}/conv/Conv_output_0"], [f"{p}/act/Relu_output_0"],
                                       name=f"{p}/act/Relu"),
                      helper.make_node("Add", [f"{p}/act/Relu_output_0", x], [f"{p}/Add_output_0"], name=f"{p}/Add")]
            x = f"{p}/Add_output_0"
    nodes.append(helper.make_node("Flatten", [x], ["/head/Flatten_output_0"], name="/head/Flatten", axis=1))
    w = (rng.standard_normal((10, ch * side * side)) * 0.05).astype(np.float32)
    inits += [numpy_helper.from_array(w, "head.fc.weight"), numpy_helper.from_array(np.zeros(10, np.float32), "head.fc.bias")]
    nodes.append(helper.make_node("Gemm", ["/head/Flatten_output_0", "head.fc.weight", "head.fc.bias"], ["output"],
                                  name="/head/fc/Gemm", transB=1))
    g = helper.make_graph(nodes, "warm-up", [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, ch, side, side])],
                          [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 10])], inits)
    model = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)], ir_version=8)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    save(model, OUT)
    print(OUT, os.path.getsize(OUT), "bytes")


if __name__ == "__main__":
    main()
