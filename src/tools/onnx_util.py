"""Shared helpers for the PruneScope generator scripts (not a generator itself).

- export_onnx(): torch -> ONNX bytes, with BatchNormalization either folded into Conv or kept.
- cost_report(): parameter count and MACs of an ONNX graph, computed with onnx.shape_inference
  (Conv = Cout*(Cin/groups)*kh*kw*Hout*Wout, Gemm/MatMul = M*N*K; see DESIGN.md section 7).
- zero_float_initializers(): replaces the bytes of every float initializer with zeros
  (BatchNormalization variances are set to 1 so the graph stays numerically valid).
- run_onnx_numpy(): a tiny numpy interpreter for the handful of ops our fixtures use, so the
  exported graphs can be checked against torch without onnxruntime.

Used by train_fashion_mnist.py and export_fixtures.py; run those with /usr/bin/python3.
"""
import io
import warnings

import numpy as np
import onnx
from onnx import numpy_helper, shape_inference, TensorProto
import torch

FLOAT_TYPES = {TensorProto.FLOAT, TensorProto.FLOAT16, TensorProto.DOUBLE, TensorProto.BFLOAT16}


def export_onnx(model, dummy, keep_bn, input_names, output_names, dynamic_axes=None, opset=13):
    """Export `model` (put in eval mode here) and return an onnx.ModelProto.

    keep_bn=False: TrainingMode.EVAL, the exporter folds BatchNormalization into the preceding Conv.
    keep_bn=True: TrainingMode.PRESERVE with the model in eval mode keeps BatchNormalization nodes
    (inference form, training_mode=0). Constant folding stays on in both cases so that shape
    arithmetic is folded away. torch 1.13 deduplicates identical initializers and then feeds the
    duplicates through Identity nodes; we undo that so every node reads an initializer directly.
    """
    model.eval()
    mode = torch.onnx.TrainingMode.PRESERVE if keep_bn else torch.onnx.TrainingMode.EVAL
    f = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(model, dummy, f, opset_version=opset, input_names=input_names,
                          output_names=output_names, dynamic_axes=dynamic_axes,
                          training=mode, do_constant_folding=True)
    m = onnx.load_from_string(f.getvalue())
    _inline_identity_initializers(m)
    onnx.checker.check_model(m)
    bn = sum(1 for n in m.graph.node if n.op_type == "BatchNormalization")
    if keep_bn and bn == 0:
        raise RuntimeError("BatchNormalization nodes were folded although keep_bn=True")
    if not keep_bn and bn != 0:
        raise RuntimeError("BatchNormalization nodes left although keep_bn=False")
    return m


def _inline_identity_initializers(m):
    g = m.graph
    inits = {t.name: t for t in g.initializer}
    keep = []
    for n in g.node:
        if n.op_type == "Identity" and n.input[0] in inits:
            t = onnx.TensorProto()
            t.CopyFrom(inits[n.input[0]])
            t.name = n.output[0]
            g.initializer.append(t)
        else:
            keep.append(n)
    del g.node[:]
    g.node.extend(keep)


def _static_shape(vi):
    dims = []
    for d in vi.type.tensor_type.shape.dim:
        if d.HasField("dim_value"):
            dims.append(d.dim_value)
        else:
            return None
    return dims


def param_count(m):
    """Parameters = elements of float initializers of rank >= 1.

    BatchNormalization running mean/var are excluded (statistics, not weights), so a model with BN
    kept reports conv/gemm weights and biases + BN gamma/beta. Float tensors held in Constant nodes
    are not counted here (see constant_float_elements): in our exports they are only YOLO decode
    grids/anchors and Resize scales, never weights.
    """
    bn_stats = set()
    for n in m.graph.node:
        if n.op_type == "BatchNormalization":
            bn_stats.update(n.input[3:5])
    total = 0
    for t in m.graph.initializer:
        if t.data_type in FLOAT_TYPES and len(t.dims) >= 1 and t.name not in bn_stats:
            total += int(np.prod(t.dims))
    return total


def constant_float_elements(m):
    """Elements of float tensors of rank >= 1 in Constant nodes (not parameters)."""
    total = 0
    for n in m.graph.node:
        if n.op_type == "Constant":
            for a in n.attribute:
                if a.name == "value" and a.t.data_type in FLOAT_TYPES and len(a.t.dims) >= 1:
                    total += int(np.prod(a.t.dims))
    return total


def weight_param_count(m):
    """Elements of the float tensors that Conv/Gemm/MatMul read as weight/bias and BN as scale/bias,
    wherever they live (initializer or Constant node)."""
    tensors = {t.name: list(t.dims) for t in m.graph.initializer}
    for n in m.graph.node:
        if n.op_type == "Constant":
            for a in n.attribute:
                if a.name == "value":
                    tensors[n.output[0]] = list(a.t.dims)
    used = set()
    for n in m.graph.node:
        if n.op_type in ("Conv", "Gemm", "MatMul"):
            used.update(x for x in n.input[1:3] if x in tensors)
        elif n.op_type == "BatchNormalization":
            used.update(n.input[1:3])
    return sum(int(np.prod(tensors[x])) for x in used)


def folded_param_count(m):
    """Parameter count the model would have with BN folded into its convs.

    For a BN-kept model: conv weights + conv biases, plus one bias vector per conv that is followed
    by BN and had no bias of its own (gamma/beta/mean/var collapse into it)."""
    if not any(n.op_type == "BatchNormalization" for n in m.graph.node):
        return param_count(m)
    inits = {t.name: t for t in m.graph.initializer}
    total = 0
    for n in m.graph.node:
        if n.op_type in ("Conv", "Gemm", "MatMul"):
            for name in n.input[1:]:
                if name in inits:
                    total += int(np.prod(inits[name].dims))
        if n.op_type == "BatchNormalization":
            total += int(np.prod(inits[n.input[1]].dims))  # the folded bias
    return total


def macs(m):
    """Sum of MACs over Conv, Gemm and MatMul, shapes from onnx.shape_inference (symbolic input
    dims such as `batch` are set to 1)."""
    m2 = onnx.ModelProto()
    m2.CopyFrom(m)
    for vi in m2.graph.input:  # symbolic dims (batch) -> 1
        for d in vi.type.tensor_type.shape.dim:
            if not d.HasField("dim_value"):
                d.dim_value = 1
    inf = shape_inference.infer_shapes(m2, strict_mode=True)
    g = inf.graph
    shapes = {}
    for vi in list(g.input) + list(g.value_info) + list(g.output):
        s = _static_shape(vi)
        if s is not None:
            shapes[vi.name] = s
    for t in g.initializer:
        shapes[t.name] = list(t.dims)
    total = 0
    for n in g.node:
        if n.op_type == "Conv":
            w = shapes[n.input[1]]
            out = shapes[n.output[0]]
            cout, cin_g, kh, kw = w
            total += cout * cin_g * kh * kw * out[2] * out[3]
        elif n.op_type == "Gemm":
            a = shapes[n.input[0]]
            b = shapes[n.input[1]]
            attrs = {x.name: x.i for x in n.attribute}
            M, K = (a[1], a[0]) if attrs.get("transA", 0) else (a[0], a[1])
            N = b[0] if attrs.get("transB", 0) else b[1]
            total += M * N * K
        elif n.op_type == "MatMul":
            a = shapes[n.input[0]]
            b = shapes[n.input[1]]
            batch = int(np.prod(a[:-2])) if len(a) > 2 else 1
            total += batch * a[-2] * a[-1] * b[-1]
    return total


def zero_float_initializers(m):
    """Set every float initializer of rank >= 1 to zeros in place (raw bytes), except BN variances
    (-> 1) and Resize roi/scales (kept, the graph must stay valid)."""
    bn_var = set(n.input[4] for n in m.graph.node if n.op_type == "BatchNormalization")
    keep = set(x for n in m.graph.node if n.op_type == "Resize" for x in n.input[1:])
    for t in m.graph.initializer:
        if t.data_type not in FLOAT_TYPES or len(t.dims) == 0 or t.name in keep:
            continue
        arr = numpy_helper.to_array(t)
        new = np.ones_like(arr) if t.name in bn_var else np.zeros_like(arr)
        t.CopyFrom(numpy_helper.from_array(new, t.name))
    return m


def io_names(m):
    inits = set(t.name for t in m.graph.initializer)

    def desc(vi):
        dims = [d.dim_param if d.dim_param else d.dim_value for d in vi.type.tensor_type.shape.dim]
        return vi.name, dims

    return ([desc(v) for v in m.graph.input if v.name not in inits], [desc(v) for v in m.graph.output])


# ----------------------------------------------------------------------------------------------
# Minimal numpy reference interpreter (independent of torch) for checking exports.
# ----------------------------------------------------------------------------------------------

def _attrs(n):
    return {a.name: onnx.helper.get_attribute_value(a) for a in n.attribute}


def _conv(x, w, b, strides, pads, group, dil):
    n, c, h, wd = x.shape
    cout, cin_g, kh, kw = w.shape
    x = np.pad(x, ((0, 0), (0, 0), (pads[0], pads[2]), (pads[1], pads[3])))
    hout = (x.shape[2] - dil[0] * (kh - 1) - 1) // strides[0] + 1
    wout = (x.shape[3] - dil[1] * (kw - 1) - 1) // strides[1] + 1
    out = np.zeros((n, cout, hout, wout), dtype=np.float64)
    cout_g = cout // group
    for gi in range(group):
        xg = x[:, gi * cin_g:(gi + 1) * cin_g]
        wg = w[gi * cout_g:(gi + 1) * cout_g].astype(np.float64)
        cols = np.empty((n, cin_g, kh, kw, hout, wout), dtype=np.float64)
        for i in range(kh):
            for j in range(kw):
                cols[:, :, i, j] = xg[:, :, i * dil[0]:i * dil[0] + strides[0] * hout:strides[0],
                                      j * dil[1]:j * dil[1] + strides[1] * wout:strides[1]]
        out[:, gi * cout_g:(gi + 1) * cout_g] = np.einsum("ncijhw,ocij->nohw", cols, wg)
    if b is not None:
        out += b.reshape(1, -1, 1, 1)
    return out


def _maxpool(x, k, s, p):
    x = np.pad(x, ((0, 0), (0, 0), (p[0], p[2]), (p[1], p[3])), constant_values=-np.inf)
    hout = (x.shape[2] - k[0]) // s[0] + 1
    wout = (x.shape[3] - k[1]) // s[1] + 1
    out = np.full(x.shape[:2] + (hout, wout), -np.inf)
    for i in range(k[0]):
        for j in range(k[1]):
            out = np.maximum(out, x[:, :, i:i + s[0] * hout:s[0], j:j + s[1] * wout:s[1]])
    return out


def run_onnx_numpy(m, feeds):
    """Evaluate an ONNX graph in float64 numpy. Supports the ops our generated models use."""
    env = {t.name: numpy_helper.to_array(t).astype(np.float64) if t.data_type in FLOAT_TYPES
           else numpy_helper.to_array(t) for t in m.graph.initializer}
    env.update({k: np.asarray(v, dtype=np.float64) for k, v in feeds.items()})
    for n in m.graph.node:
        a = _attrs(n)
        i = [env[x] if x else None for x in n.input]
        op = n.op_type
        if op == "Conv":
            k = i[1].shape[2:]
            pads = a.get("pads", [0, 0, 0, 0])
            r = _conv(i[0], i[1], i[2] if len(i) > 2 else None, a.get("strides", [1, 1]), pads,
                      a.get("group", 1), a.get("dilations", [1, 1]))
        elif op == "BatchNormalization":
            x, sc, b, mean, var = i
            sh = (1, -1) + (1,) * (x.ndim - 2)
            r = (x - mean.reshape(sh)) / np.sqrt(var.reshape(sh) + a.get("epsilon", 1e-5)) * sc.reshape(sh) + b.reshape(sh)
        elif op == "Relu":
            r = np.maximum(i[0], 0)
        elif op == "Clip":
            lo = i[1] if len(i) > 1 and i[1] is not None else -np.inf
            hi = i[2] if len(i) > 2 and i[2] is not None else np.inf
            r = np.clip(i[0], lo, hi)
        elif op == "Sigmoid":
            r = 1.0 / (1.0 + np.exp(-i[0]))
        elif op == "Mul":
            r = i[0] * i[1]
        elif op == "Add":
            r = i[0] + i[1]
        elif op == "Sub":
            r = i[0] - i[1]
        elif op == "Div":
            r = i[0] / i[1]
        elif op == "Pow":
            r = np.power(i[0], i[1])
        elif op == "GlobalAveragePool":
            r = i[0].mean(axis=(2, 3), keepdims=True)
        elif op == "Flatten":
            ax = a.get("axis", 1)
            r = i[0].reshape(int(np.prod(i[0].shape[:ax])), -1)
        elif op == "Gemm":
            A = i[0].T if a.get("transA", 0) else i[0]
            B = i[1].T if a.get("transB", 0) else i[1]
            r = a.get("alpha", 1.0) * A @ B
            if len(i) > 2 and i[2] is not None:
                r = r + a.get("beta", 1.0) * i[2]
        elif op == "MaxPool":
            r = _maxpool(i[0], a["kernel_shape"], a.get("strides", [1, 1]), a.get("pads", [0, 0, 0, 0]))
        elif op == "Concat":
            r = np.concatenate(i, axis=a["axis"])
        elif op == "Resize":
            scales = i[2]
            fh, fw = int(scales[2]), int(scales[3])
            r = i[0].repeat(fh, axis=2).repeat(fw, axis=3)
        elif op == "Reshape":
            shape = [int(v) for v in i[1]]
            shape = [i[0].shape[k] if v == 0 else v for k, v in enumerate(shape)]
            r = i[0].reshape(shape)
        elif op == "Transpose":
            r = np.transpose(i[0], a["perm"])
        elif op == "Split":
            sizes = [int(v) for v in i[1]] if len(i) > 1 and i[1] is not None else a["split"]
            r = np.split(i[0], np.cumsum(sizes)[:-1], axis=a.get("axis", 0))
            for name, part in zip(n.output, r):
                env[name] = part
            continue
        elif op == "Constant":
            r = numpy_helper.to_array(a["value"])
        elif op == "Identity":
            r = i[0]
        else:
            raise NotImplementedError(op)
        env[n.output[0]] = r
    return [env[o.name] for o in m.graph.output]
