"""Generates the tiny ONNX models used by the io.prunescope.runtime tests.

Run with /usr/bin/python3 (Debian onnx 1.12 + numpy) from the repository root:
    /usr/bin/python3 src/tools/make_runtime_test_models.py
Writes into src/test/resources/runtime/. The outputs are committed, so the tests never need Python.

Every model uses opset 13 and IR version 7. Weights are small decimal numbers written out here and
also stored in JSON next to the model, so the Java tests compute the expected outputs themselves
(independently of ONNX Runtime) from the same numbers.
"""
import json
import os

import numpy as np
import onnx
from onnx import helper, numpy_helper, TensorProto

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "resources", "runtime")
OPSET = [helper.make_opsetid("", 13)]


def save(graph, name, check=True):
    model = helper.make_model(graph, opset_imports=OPSET, producer_name="prunescope-tests")
    model.ir_version = 7
    if check:
        onnx.checker.check_model(model)
    onnx.save(model, os.path.join(OUT, name))


def gemm_classifier(name, w, b):
    """x[batch,4] -> Gemm(transB=1) -> logits[batch,6]; Softmax -> probs; ArgMax -> pred (int64)."""
    nodes = [
        helper.make_node("Gemm", ["x", "W", "b"], ["logits"], transB=1),
        helper.make_node("Softmax", ["logits"], ["probs"], axis=-1),
        helper.make_node("ArgMax", ["logits"], ["pred"], axis=1, keepdims=0),
    ]
    graph = helper.make_graph(
        nodes, name,
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 4])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", 6]),
         helper.make_tensor_value_info("probs", TensorProto.FLOAT, ["batch", 6]),
         helper.make_tensor_value_info("pred", TensorProto.INT64, ["batch"])],
        [numpy_helper.from_array(w, "W"), numpy_helper.from_array(b, "b")])
    save(graph, name + ".onnx")


def conv_relu(w, b):
    """x[batch,2,height,width] -> Conv 3x3 (no pad) -> Relu -> relu; GlobalAveragePool -> pooled.

    'pooled' is declared with an element type but no shape, like an extra output a caller adds for
    probing, so ONNX Runtime's actual run is the only way to learn its shape."""
    nodes = [
        helper.make_node("Conv", ["x", "W", "b"], ["conv"], kernel_shape=[3, 3]),
        helper.make_node("Relu", ["conv"], ["relu"]),
        helper.make_node("GlobalAveragePool", ["relu"], ["pooled"]),
    ]
    pooled = onnx.ValueInfoProto()
    pooled.name = "pooled"
    pooled.type.tensor_type.elem_type = TensorProto.FLOAT
    graph = helper.make_graph(
        nodes, "conv_relu",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 2, "height", "width"])],
        [helper.make_tensor_value_info("relu", TensorProto.FLOAT, ["batch", 3, None, None]), pooled],
        [numpy_helper.from_array(w, "W"), numpy_helper.from_array(b, "b")])
    # onnx 1.12's checker insists on a shape for graph outputs; ONNX Runtime does not.
    save(graph, "conv_relu.onnx", check=False)


def identity():
    """scores[batch,classes] = x: lets a test choose the model's scores directly (top-1/top-5 by hand)."""
    graph = helper.make_graph(
        [helper.make_node("Identity", ["x"], ["scores"])], "identity",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", "classes"])],
        [helper.make_tensor_value_info("scores", TensorProto.FLOAT, ["batch", "classes"])])
    save(graph, "identity.onnx")


def two_inputs():
    """a[2,3], b[2,3] (fixed shapes) -> sum = a+b, prod = a*b: named multi-input/multi-output access."""
    graph = helper.make_graph(
        [helper.make_node("Add", ["a", "b"], ["sum"]), helper.make_node("Mul", ["a", "b"], ["prod"])],
        "two_inputs",
        [helper.make_tensor_value_info("a", TensorProto.FLOAT, [2, 3]),
         helper.make_tensor_value_info("b", TensorProto.FLOAT, [2, 3])],
        [helper.make_tensor_value_info("sum", TensorProto.FLOAT, [2, 3]),
         helper.make_tensor_value_info("prod", TensorProto.FLOAT, [2, 3])])
    save(graph, "two_inputs.onnx")


def broken_shapes():
    """Valid protobuf, invalid graph: Add of x[1,4] and a constant [3] cannot broadcast.
    ONNX Runtime refuses it when the session is created."""
    c = np.ones((3,), dtype=np.float32)
    graph = helper.make_graph(
        [helper.make_node("Add", ["x", "c"], ["y"])], "broken_shapes",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 4])],
        [numpy_helper.from_array(c, "c")])
    save(graph, "broken_shapes.onnx", check=False)


def unknown_op():
    """An operator no runtime knows (as a custom op from some exporter would be)."""
    graph = helper.make_graph(
        [helper.make_node("FancyPrune", ["x"], ["y"])], "unknown_op",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 4])])
    save(graph, "unknown_op.onnx", check=False)


def element_types():
    """Non-float inputs and outputs: x float[1,3] -> Cast to uint8 / int32 / double; ids int64[1,2] -> Cast
    to float. Tests the float conversions in both directions."""
    nodes = [
        helper.make_node("Cast", ["x"], ["u8"], to=TensorProto.UINT8),
        helper.make_node("Cast", ["x"], ["i32"], to=TensorProto.INT32),
        helper.make_node("Cast", ["x"], ["f64"], to=TensorProto.DOUBLE),
        helper.make_node("Cast", ["ids"], ["ids_f"], to=TensorProto.FLOAT),
    ]
    graph = helper.make_graph(
        nodes, "element_types",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3]),
         helper.make_tensor_value_info("ids", TensorProto.INT64, [1, 2])],
        [helper.make_tensor_value_info("u8", TensorProto.UINT8, [1, 3]),
         helper.make_tensor_value_info("i32", TensorProto.INT32, [1, 3]),
         helper.make_tensor_value_info("f64", TensorProto.DOUBLE, [1, 3]),
         helper.make_tensor_value_info("ids_f", TensorProto.FLOAT, [1, 2])])
    save(graph, "element_types.onnx")


def main():
    os.makedirs(OUT, exist_ok=True)
    # Gemm classifier: W[6,4] (transB=1), b[6]; chosen so logits are distinct for ordinary inputs.
    w = (np.arange(24, dtype=np.float32).reshape(6, 4) % 7 - 3.0) / 4.0
    w[2] *= -1.0
    b = np.array([0.1, -0.2, 0.3, 0.0, -0.1, 0.05], dtype=np.float32)
    # Perturbed copy: class 0's bias is raised a lot, so the perturbed model predicts class 0 for
    # most inputs; the test computes which (and hence the expected agreement) from these numbers.
    wp = w.copy()
    wp[1, 0] += 0.5
    bp = b.copy()
    bp[0] += 2.0
    gemm_classifier("gemm_classifier", w, b)
    gemm_classifier("gemm_classifier_perturbed", wp, bp)

    cw = ((np.arange(3 * 2 * 3 * 3, dtype=np.float32).reshape(3, 2, 3, 3) % 5) - 2.0) / 8.0
    cb = np.array([0.25, -0.5, 0.0], dtype=np.float32)
    conv_relu(cw, cb)
    identity()
    two_inputs()
    broken_shapes()
    unknown_op()
    element_types()

    weights = {
        "gemm_classifier": {"W": w.tolist(), "b": b.tolist()},
        "gemm_classifier_perturbed": {"W": wp.tolist(), "b": bp.tolist()},
        "conv_relu": {"W": cw.tolist(), "b": cb.tolist()},
    }
    with open(os.path.join(OUT, "weights.json"), "w") as f:
        json.dump(weights, f, indent=1)


if __name__ == "__main__":
    main()
