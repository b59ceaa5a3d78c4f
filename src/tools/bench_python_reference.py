"""Python reference timings for PruneScope's Java benchmarks, measured on this machine.

Measures
  (a) onnx.load wall time (median of 3) and peak RSS of a fresh process that loads the file, for
      /tmp/fixtures-work/bench/resnet50.onnx and vgg11_bn.onnx (make them with
      `/usr/bin/python3 src/tools/export_fixtures.py`);
  (b) FPGM scores with PyTorch on 2 threads: for every Conv weight of ResNet-50 (torchvision, random
      init) and YOLOv5s (src/tools/yolov5.py, BN folded), w = weight.reshape(Cout, -1),
      torch.cdist(w, w).sum(1); the whole loop over a model's convs, median of 5 after one warm-up;
  (c) per-filter L1 and L2 norms for the same weights, timed the same way.
Writes src/docs/bench-python-reference.md.

Run:
    /usr/bin/python3 src/tools/bench_python_reference.py
"""
import datetime
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BENCH = "/tmp/fixtures-work/bench"
OUT = os.path.join(ROOT, "src", "docs", "bench-python-reference.md")


def load_child(path):
    """Run in a child process: load `path` 3 times, print JSON with times and peak RSS."""
    import onnx
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    times, cpu = [], []
    for _ in range(3):
        c = time.process_time()
        t = time.perf_counter()
        m = onnx.load(path)
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        del m
    print(json.dumps({"times": times, "cpu": cpu, "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                      "baseline_kb": base}))


def bench_load(path):
    r = subprocess.run([sys.executable, __file__, "--load-one", path], capture_output=True, text=True, check=True)
    d = json.loads(r.stdout.strip().splitlines()[-1])
    return statistics.median(d["times"]), statistics.median(d["cpu"]), d["maxrss_kb"] / 1024, d["baseline_kb"] / 1024


def conv_weights(name):
    import torch
    import torchvision
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import yolov5
    torch.manual_seed(20240601)
    if name == "ResNet-50":
        net = torchvision.models.resnet50(weights=None)
    else:
        net = yolov5.fuse_bn(yolov5.yolov5("s"))
    return [m.weight.detach().reshape(m.weight.shape[0], -1).contiguous()
            for m in net.modules() if isinstance(m, torch.nn.Conv2d)]


def timed(fn, reps=5):
    """(median wall seconds, median process CPU seconds over all threads) of reps runs after a warm-up."""
    fn()  # warm-up
    ts, cs = [], []
    for _ in range(reps):
        c = time.process_time()
        t = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t)
        cs.append(time.process_time() - c)
    return statistics.median(ts), statistics.median(cs)


def blas_library():
    """Which BLAS the torch process actually mapped (Debian's torch links libblas.so.3 via alternatives)."""
    try:
        with open("/proc/self/maps") as f:
            libs = sorted({line.split()[-1] for line in f if "blas" in line.lower() and "/" in line})
        return ", ".join(os.path.realpath(x) for x in libs) or "none mapped"
    except OSError:
        return "unknown"


def main():
    # (a) first, before torch is imported: a child's ru_maxrss starts from the parent's RSS at fork,
    # so the parent must still be small here.
    nproc = os.cpu_count()
    load_before = os.getloadavg()
    rows_load = []
    for f in ("resnet50.onnx", "yolov5s.onnx", "vgg11_bn.onnx"):
        path = os.path.join(BENCH, f)
        if not os.path.exists(path):
            raise SystemExit(f"{path} missing: run /usr/bin/python3 src/tools/export_fixtures.py first")
        med, cpu, rss, base = bench_load(path)
        rows_load.append((f, os.path.getsize(path) / 1e6, med, cpu, rss, base))
        print(f"load {f}: {med * 1000:.0f} ms (cpu {cpu * 1000:.0f} ms), peak RSS {rss:.0f} MiB (baseline {base:.0f} MiB)")

    import torch
    torch.set_num_threads(int(os.environ.get("TORCH_THREADS", "2")))
    rows_crit = []
    for name in ("ResNet-50", "YOLOv5s"):
        ws = conv_weights(name)
        elems = sum(w.numel() for w in ws)

        def fpgm():
            for w in ws:
                torch.cdist(w, w).sum(1)

        def norms():
            for w in ws:
                w.abs().sum(1)
                w.norm(p=2, dim=1)

        with torch.no_grad():
            t_fpgm = timed(fpgm)
            t_norm = timed(norms)
        rows_crit.append((name, len(ws), elems, t_fpgm, t_norm))
        print(f"{name}: {len(ws)} convs, {elems:,} weights, FPGM {t_fpgm[0] * 1000:.1f} ms (cpu {t_fpgm[1] * 1000:.1f}), "
              f"L1+L2 {t_norm[0] * 1000:.2f} ms (cpu {t_norm[1] * 1000:.2f})")

    load_after = os.getloadavg()
    blas = blas_library()
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    lines = [
        "# Python reference timings",
        "",
        f"Measured {datetime.date.today().isoformat()} by `/usr/bin/python3 src/tools/bench_python_reference.py` "
        f"on this project's machine: `nproc` = {nproc}, {cpu}, Python {platform.python_version()}, "
        f"PyTorch {torch.__version__} ({torch.get_num_threads()} threads), onnx {__import__('onnx').__version__}.",
        f"BLAS mapped by torch: `{blas}`. Load average (1/5/15 min) before: "
        f"{'/'.join(f'{v:.1f}' for v in load_before)}, after: {'/'.join(f'{v:.1f}' for v in load_after)} "
        "(other builds may share the machine; figures above a load of about 2 are inflated).",
        "The benchmark models are random-init torchvision models, BN folded, made by "
        "`src/tools/export_fixtures.py` in `/tmp/fixtures-work/bench/` (not committed).",
        "",
        "## Loading (`onnx.load`, median of 3, each file in a fresh process)",
        "",
        "| file | size (MB) | load wall (ms) | load CPU (ms) | peak RSS (MiB) | RSS before load (MiB) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for f, size, med, cpu, rss, base in rows_load:
        lines.append(f"| {f} | {size:.1f} | {med * 1000:.0f} | {cpu * 1000:.0f} | {rss:.0f} | {base:.0f} |")
    lines += [
        "",
        "## Criteria over every Conv weight (`W.reshape(Cout, -1)`), whole model, median of 5 after a warm-up",
        "",
        "FPGM = `torch.cdist(w, w).sum(1)` per layer; norms = `w.abs().sum(1)` and `w.norm(p=2, dim=1)` per layer.",
        "",
        "Wall = elapsed time; CPU = process CPU time summed over torch's threads (less sensitive to other load).",
        "",
        "| model | convs | weights | FPGM wall (ms) | FPGM CPU (ms) | L1 + L2 wall (ms) | L1 + L2 CPU (ms) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, n, elems, tf, tn in rows_crit:
        lines.append(f"| {name} | {n} | {elems:,} | {tf[0] * 1000:.1f} | {tf[1] * 1000:.1f} | "
                     f"{tn[0] * 1000:.2f} | {tn[1] * 1000:.2f} |")
    lines.append("")
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        f.write("\n".join(lines))
    print(f"wrote {OUT}")


def cold(model, what):
    """Fresh process: the first FPGM (or L1+L2) pass over a model's convs, after importing torch and making the
    weights (the Java side's `CriteriaBenchmark cold` is the counterpart)."""
    import torch
    torch.set_num_threads(int(os.environ.get("TORCH_THREADS", "2")))
    ws = conv_weights("ResNet-50" if "resnet" in model.lower() else "YOLOv5s")
    t = time.perf_counter()
    with torch.no_grad():
        for w in ws:
            if what == "fpgm":
                torch.cdist(w, w).sum(1)
            else:
                w.abs().sum(1)
                w.norm(p=2, dim=1)
    print(f"fresh process, {model}, {what}: {(time.perf_counter() - t) * 1000:.1f} ms "
          f"(torch {torch.get_num_threads()} threads)")


def save_child(path, out, reps=7):
    """onnx.load then onnx.save of `path` to `out`: the first save's wall time, and the median wall and process CPU
    time of the later ones; then the same with an fsync after the save (PruneScope's export always syncs)."""
    import onnx
    m = onnx.load(path)
    ts, cs, ss = [], [], []
    for _ in range(reps):
        c = time.process_time()
        t = time.perf_counter()
        onnx.save(m, out)
        ts.append(time.perf_counter() - t)
        cs.append(time.process_time() - c)
        fd = os.open(out, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        ss.append(time.perf_counter() - t)
    print(f"onnx.save {os.path.basename(path)}: first {ts[0] * 1000:.1f} ms; median of runs 2..{reps}:"
          f" {statistics.median(ts[1:]) * 1000:.1f} ms (CPU {statistics.median(cs[1:]) * 1000:.1f} ms),"
          f" with fsync {statistics.median(ss[1:]) * 1000:.1f} ms; best of runs 2..{reps}: {min(ts[1:]) * 1000:.1f} ms"
          f" (CPU {min(cs[1:]) * 1000:.1f} ms)")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--load-one":
        load_child(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "--cold":
        cold(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "--save-one":
        save_child(sys.argv[2], sys.argv[3])
    else:
        main()
