"""Export PruneScope's sample and test ONNX models and their reference costs.

Produces (all opset 13, random init with fixed seeds; nothing is downloaded):
  src/test/resources/fixtures/yolov5n-random.onnx  YOLOv5n v6, 80 classes, BN folded, weights random;
                                                   input `images` [1,3,320,320], output `output0` [1,6300,85]
  src/test/resources/fixtures/yolov5n-bn.onnx.gz   the same network and values with BatchNormalization kept
  src/test/resources/fixtures/yolov5n-bn-reference.json  output0 statistics + a few rows for a fixed input
  structure-only fixtures (every float initializer zeroed after export, BN variances = 1), gzipped:
    src/test/resources/fixtures/resnet18.onnx.gz, resnet50.onnx.gz, mobilenetv2.onnx.gz
        torchvision, eval mode, BN folded by the exporter, input `input` [1,3,224,224], output `output`
    src/test/resources/fixtures/yolov5s.onnx.gz      640x640, BN folded
    src/test/resources/fixtures/yolov5n-320.onnx.gz  320x320, BN folded
  src/test/resources/fixtures/reference-costs.json  params and MACs per model, from onnx shape inference
  /tmp/fixtures-work/bench/resnet50.onnx, vgg11_bn.onnx  large benchmark models (NOT committed)

Parameters = elements of float initializers of rank >= 1 (BN running mean/var excluded when BN is
kept); MACs: Conv = Cout*(Cin/groups)*kh*kw*Hout*Wout, Gemm/MatMul = M*N*K (DESIGN.md section 7).
Both are checked against DESIGN's table before anything is written.

Run from anywhere (about 2-4 minutes on 2 cores; --no-bench skips the large /tmp models):
    /usr/bin/python3 src/tools/export_fixtures.py [--no-bench]
"""
import argparse
import gzip
import json
import os
import sys
import time

import numpy as np
import onnx
import torch
import torchvision

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import onnx_util  # noqa: E402
import yolov5  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
MODELS = os.path.join(ROOT, "assets", "models")
FIXTURES = os.path.join(ROOT, "src", "test", "resources", "fixtures")
BENCH = "/tmp/fixtures-work/bench"
SEED = 20240601

# DESIGN.md section 7
EXPECTED = {
    "resnet50": (25530472, 4.089e9),
    "resnet18": (11684712, 1.814e9),
    "mobilenetv2": (3487816, 0.301e9),
    "yolov5s": (7225885, 8.217e9),
    "yolov5n-320": (1867405, 0.559e9),
}
SOURCE = "onnx shape inference in src/tools/export_fixtures.py"


def save_gz(model, path):
    data = model.SerializeToString()
    with open(path, "wb") as out:
        with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0, compresslevel=9) as gz:
            gz.write(data)
    return os.path.getsize(path)


def round_mantissa(t, keep_bits=8):
    """Round float32 values to `keep_bits` explicit mantissa bits (bfloat16-like). The values stay
    random but their low bytes become zero, so the files compress well (in gzip and in git)."""
    drop = 23 - keep_bits
    i = t.detach().contiguous().view(torch.int32)
    i = (i + (1 << (drop - 1))) & ~((1 << drop) - 1)
    return i.view(torch.float32)


def make_yolov5(size, gen_seed, img):
    torch.manual_seed(gen_seed)
    m = yolov5.yolov5(size, nc=80).eval()
    yolov5.randomize_bn(m, torch.Generator().manual_seed(gen_seed + 1))
    with torch.no_grad():
        for p in list(m.parameters()) + [b for n, b in m.named_buffers() if "running" in n]:
            p.copy_(round_mantissa(p))
    m.prepare(img, img)
    return m


def check_costs(name, m, expected=True):
    params = onnx_util.param_count(m)
    macs = onnx_util.macs(m)
    line = f"  {name}: params {params:,}  MACs {macs:,} ({macs / 1e9:.4f} G)"
    if expected and name in EXPECTED:
        ep, em = EXPECTED[name]
        ok_p = params == ep
        ok_m = abs(macs - em) / em < 0.005
        line += f"  [expected {ep:,} / {em / 1e9:.3f} G: {'OK' if ok_p and ok_m else 'MISMATCH'}]"
        print(line)
        if not (ok_p and ok_m):
            raise SystemExit(f"cost mismatch for {name}")
    else:
        print(line)
    entry = {"params": params, "macs": macs, "source": SOURCE}
    other = onnx_util.constant_float_elements(m)
    if other:
        entry["float_constant_node_elements_not_params"] = other
    return entry


def describe(m):
    ins, outs = onnx_util.io_names(m)
    bn = sum(1 for n in m.graph.node if n.op_type == "BatchNormalization")
    return {"inputs": ins, "outputs": outs, "batchnorm_nodes": bn,
            "opset": [o.version for o in m.opset_import if o.domain in ("", "ai.onnx")][0],
            "nodes": len(m.graph.node)}


def export_torchvision(ctor):
    torch.manual_seed(SEED)
    net = ctor(weights=None).eval()
    m = onnx_util.export_onnx(net, torch.zeros(1, 3, 224, 224), keep_bn=False,
                              input_names=["input"], output_names=["output"])
    return m


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-bench", action="store_true", help="skip the large benchmark models in /tmp")
    args = ap.parse_args()
    torch.set_num_threads(2)
    for d in (MODELS, FIXTURES):
        os.makedirs(d, exist_ok=True)
    costs = {}
    info = {}
    t0 = time.time()

    # --- YOLOv5n with real (random) values: BN kept and BN folded --------------------------------
    print("YOLOv5n 320 (random init, seeded)")
    net = make_yolov5("n", SEED, 320)
    # a deterministic input any language can rebuild: x[i] = ((i * 7919) % 1000) / 1000 over the flat index
    x = torch.from_numpy((((np.arange(3 * 320 * 320, dtype=np.int64) * 7919) % 1000) / 1000.0)
                         .astype(np.float32).reshape(1, 3, 320, 320))
    with torch.no_grad():
        y_bn = net(x).numpy()
    m_bn = onnx_util.export_onnx(net, torch.zeros(1, 3, 320, 320), keep_bn=True,
                                 input_names=["images"], output_names=["output0"])
    yolov5.fuse_bn(net)
    with torch.no_grad():
        y_fused = net(x).numpy()
    m_fold = onnx_util.export_onnx(net, torch.zeros(1, 3, 320, 320), keep_bn=False,
                                   input_names=["images"], output_names=["output0"])
    for m, kind in ((m_bn, "BatchNormalization kept"), (m_fold, "BatchNormalization folded into Conv")):
        m.doc_string = (f"YOLOv5n v6 (80 classes), random weights (seed {SEED}), {kind}. "
                        "Generated by src/tools/export_fixtures.py for PruneScope; not a trained detector.")
        p = m.metadata_props.add()
        p.key, p.value = "generator", "src/tools/export_fixtures.py"
        p = m.metadata_props.add()
        p.key, p.value = "strides", "8,16,32"

    # independent check of both graphs with the numpy interpreter
    y_np_bn = onnx_util.run_onnx_numpy(m_bn, {"images": x.numpy()})[0]
    y_np_fold = onnx_util.run_onnx_numpy(m_fold, {"images": x.numpy()})[0]
    scale = np.abs(y_bn).max()
    for label, y in (("torch fused", y_fused), ("onnx(bn) numpy", y_np_bn), ("onnx(folded) numpy", y_np_fold)):
        d = float(np.abs(y - y_bn).max())
        print(f"  max |{label} - torch bn| = {d:.3e} (output max {scale:.1f})")
        assert d < 1e-4 * max(scale, 1.0) + 1e-3, label

    onnx.save(m_fold, os.path.join(FIXTURES, "yolov5n-random.onnx"))
    save_gz(m_bn, os.path.join(FIXTURES, "yolov5n-bn.onnx.gz"))
    costs["yolov5n"] = check_costs("yolov5n-320", m_fold)
    entry = check_costs("yolov5n-bn", m_bn, expected=False)
    entry["params_if_bn_folded"] = onnx_util.folded_param_count(m_bn)
    assert entry["params_if_bn_folded"] == EXPECTED["yolov5n-320"][0]
    assert entry["macs"] == costs["yolov5n"]["macs"]
    entry["note"] = "params = conv weights + Detect conv biases + BN gamma/beta (running mean/var excluded)"
    costs["yolov5n-bn"] = entry
    info["fixtures/yolov5n-random.onnx"] = describe(m_fold)
    info["fixtures/yolov5n-bn.onnx.gz"] = describe(m_bn)

    ref = {"model": "src/test/resources/fixtures/yolov5n-bn.onnx.gz (and src/test/resources/fixtures/yolov5n-random.onnx)",
           "input": "images[1,3,320,320], row-major flat index i: float32(((i * 7919) % 1000) / 1000.0)",
           "input_first_values": [float(v) for v in x.numpy().ravel()[:8]],
           "output": "output0", "shape": list(y_bn.shape),
           "sum": float(y_bn.astype(np.float64).sum()), "abs_sum": float(np.abs(y_bn.astype(np.float64)).sum()),
           "row0": [float(f"{v:.7g}") for v in y_bn[0, 0]],
           "row6299": [float(f"{v:.7g}") for v in y_bn[0, -1]],
           "max_abs_diff_bn_kept_vs_folded_torch": float(np.abs(y_fused - y_bn).max()),
           "source": "torch 1.13 eval mode (BN kept); numpy float64 evaluation of both ONNX graphs agreed "
                     "to ~1e-4 absolute (outputs up to a few hundred: xywh are in pixels)"}
    with open(os.path.join(FIXTURES, "yolov5n-bn-reference.json"), "w") as f:
        json.dump(ref, f, indent=1)
        f.write("\n")

    # --- structure-only fixtures ------------------------------------------------------------------
    print("structure-only fixtures")
    tv = {"resnet18": torchvision.models.resnet18, "resnet50": torchvision.models.resnet50,
          "mobilenetv2": torchvision.models.mobilenet_v2}
    for name, ctor in tv.items():
        m = export_torchvision(ctor)
        m.doc_string = f"torchvision {name}, random init, BN folded, ALL WEIGHTS ZEROED: structure-only fixture"
        costs[name] = check_costs(name, m)
        onnx_util.zero_float_initializers(m)
        onnx.checker.check_model(m)
        save_gz(m, os.path.join(FIXTURES, f"{name}.onnx.gz"))
        info[f"fixtures/{name}.onnx.gz"] = describe(m)
    for name, size, img in (("yolov5s", "s", 640), ("yolov5n-320", "n", 320)):
        net = yolov5.fuse_bn(make_yolov5(size, SEED, img))
        m = onnx_util.export_onnx(net, torch.zeros(1, 3, img, img), keep_bn=False,
                                  input_names=["images"], output_names=["output0"])
        m.doc_string = f"YOLOv5{size} v6 {img}x{img}, BN folded, ALL WEIGHTS ZEROED: structure-only fixture"
        costs[name] = check_costs(name, m)
        onnx_util.zero_float_initializers(m)
        onnx.checker.check_model(m)
        save_gz(m, os.path.join(FIXTURES, f"{name}.onnx.gz"))
        info[f"fixtures/{name}.onnx.gz"] = describe(m)

    fashion = os.path.join(MODELS, "fashion-resnet.onnx")
    if os.path.exists(fashion):
        m = onnx.load(fashion)
        costs["fashion-resnet"] = check_costs("fashion-resnet", m, expected=False)
        costs["fashion-resnet"]["params_if_bn_folded"] = onnx_util.folded_param_count(m)
        costs["fashion-resnet"]["note"] = "BN kept; MACs at batch=1; params exclude BN running mean/var"
        info["assets/models/fashion-resnet.onnx"] = describe(m)

    out = {"_definition": "params = elements of float initializers of rank>=1, BN running mean/var "
                          "excluded; float tensors in Constant nodes (YOLO decode grids/anchors, Resize "
                          "scales) are not params. MACs: Conv Cout*(Cin/groups)*kh*kw*Hout*Wout, "
                          "Gemm/MatMul M*N*K, shapes from onnx.shape_inference at batch 1. "
                          "Keys: yolov5n = src/test/resources/fixtures/yolov5n-random.onnx; others = fixtures/<key>.onnx.gz.",
           **costs}
    with open(os.path.join(FIXTURES, "reference-costs.json"), "w") as f:
        json.dump(out, f, indent=2)
        f.write("\n")
    with open("/tmp/fixtures-work/export-info.json", "w") as f:
        json.dump(info, f, indent=1)
    print(json.dumps(info, indent=1))

    # --- large benchmark models (not committed) ---------------------------------------------------
    if not args.no_bench:
        os.makedirs(BENCH, exist_ok=True)
        for name, ctor in (("resnet50", torchvision.models.resnet50), ("vgg11_bn", torchvision.models.vgg11_bn)):
            m = export_torchvision(ctor)
            path = os.path.join(BENCH, f"{name}.onnx")
            onnx.save(m, path)
            print(f"bench: {path} {os.path.getsize(path) / 1e6:.1f} MB, params {onnx_util.param_count(m):,}")
    print(f"done in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
