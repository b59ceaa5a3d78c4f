"""Generates the tiny YOLOv5-shaped ONNX models used by the io.prunescope.detection tests.

Run with /usr/bin/python3 (Debian onnx + numpy) from the repository root:
    /usr/bin/python3 src/tools/make_detection_test_models.py
Writes into src/test/resources/detection/. The outputs are committed, so the tests never need Python.

Each model ignores its image (output = constant + 0 · sum(image)), so the detections it makes are known in
advance and the tests compute the expected mAP by hand. Opset 13, IR version 7.

  constant_decoded.onnx        images [1, 3, height, width] (dynamic size) -> output0 [1, 5, 7]
                               (cx, cy, w, h, obj, p0, p1; the official export's decoded form, 2 classes)
  constant_decoded_worse.onnx  the same without row 1 (the class-1 box), a stand-in for a pruned model
  constant_raw.onnx            images [1, 3, 64, 64] -> raw heads p3 [1, 21, 8, 8], p4 [1, 21, 4, 4], p5 [1, 21, 2, 2]
                               (3 anchors x (5 + 2)); one cell of p3, anchor 0, holds a box, every other objectness
                               logit is -20
"""
import os

import numpy as np
import onnx
from onnx import helper, numpy_helper, TensorProto

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "resources", "detection")
OPSET = [helper.make_opsetid("", 13)]

# Letterboxed-pixel rows: cx, cy, w, h, obj, p0, p1
ROWS = np.array([
    [16, 32, 16, 16, 0.9, 1.0, 0.5556],    # class 0 (0.9) and, multi-label, class 1 (0.5)
    [48, 32, 16, 32, 0.8, 0.0, 1.0],       # class 1 (0.8)
    [17, 32, 16, 16, 0.85, 1.0, 0.0],      # class 0 (0.85), IoU 0.88 with row 0: suppressed by NMS
    [40, 8, 8, 8, 0.0005, 1.0, 1.0],       # objectness below 0.001: dropped
    [8, 56, 8, 8, 0.5, 0.0009, 0.0009],    # scores 0.00045: below 0.001, dropped
], dtype=np.float32)


def zero_times_image(name, dims):
    """Nodes computing a [1, ...] zero tensor from the image, so the output depends on the input."""
    axes = numpy_helper.from_array(np.array([1, 1] + [1] * (dims - 2), np.int64), name + "_shape")
    zero = numpy_helper.from_array(np.zeros((), np.float32), name + "_zero")
    nodes = [helper.make_node("ReduceSum", ["images"], [name + "_sum"], keepdims=1),
             helper.make_node("Reshape", [name + "_sum", name + "_shape"], [name + "_flat"]),
             helper.make_node("Mul", [name + "_flat", name + "_zero"], [name + "_zeros"])]
    return nodes, [axes, zero], name + "_zeros"


def save(graph, name):
    model = helper.make_model(graph, opset_imports=OPSET, producer_name="prunescope-tests")
    model.ir_version = 7
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(OUT, name))


def decoded(name, rows):
    nodes, inits, zeros = zero_times_image("z", 3)
    inits.append(numpy_helper.from_array(rows[None], "rows"))
    nodes.append(helper.make_node("Add", ["rows", zeros], ["output0"]))
    graph = helper.make_graph(nodes, name,
                              [helper.make_tensor_value_info("images", TensorProto.FLOAT, [1, 3, "height", "width"])],
                              [helper.make_tensor_value_info("output0", TensorProto.FLOAT, [1, rows.shape[0], 7])],
                              inits)
    save(graph, name + ".onnx")


def logit(p):
    return float(np.log(p / (1 - p)))


def raw():
    no = 7
    heads = {"p3": np.full((1, 3 * no, 8, 8), -20.0, np.float32),
             "p4": np.full((1, 3 * no, 4, 4), -20.0, np.float32),
             "p5": np.full((1, 3 * no, 2, 2), -20.0, np.float32)}
    # p3, stride 8, anchor 0 = (10, 13), cell x=1, y=3: (2s - 0.5 + 1) * 8 = 16 and (2s - 0.5 + 3) * 8 = 32 need
    # s = 0.75; width (2s)^2 * 10 = 16 needs s = sqrt(1.6)/2, height (2s)^2 * 13 = 16 needs s = sqrt(16/13)/2;
    # obj 0.9, class 0 prob 0.99, class 1 prob 0.01.
    values = [logit(0.75), logit(0.75), logit(np.sqrt(1.6) / 2), logit(np.sqrt(16 / 13) / 2), logit(0.9),
              logit(0.99), logit(0.01)]
    for k, v in enumerate(values):
        heads["p3"][0, 0 * no + k, 3, 1] = v
    nodes, inits = [], []
    for name, value in heads.items():
        n, i, zeros = zero_times_image("z_" + name, 4)
        nodes += n
        inits += i
        inits.append(numpy_helper.from_array(value, name + "_const"))
        nodes.append(helper.make_node("Add", [name + "_const", zeros], [name]))
    graph = helper.make_graph(nodes, "constant_raw",
                              [helper.make_tensor_value_info("images", TensorProto.FLOAT, [1, 3, 64, 64])],
                              [helper.make_tensor_value_info(k, TensorProto.FLOAT, list(v.shape))
                               for k, v in heads.items()],
                              inits)
    save(graph, "constant_raw.onnx")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    decoded("constant_decoded", ROWS)
    decoded("constant_decoded_worse", np.delete(ROWS, 1, axis=0))
    raw()
    print("wrote", sorted(os.listdir(OUT)))
