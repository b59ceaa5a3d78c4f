"""Train YOLOv5n (v6 architecture, src/tools/yolov5.py) on the Fashion-MNIST detection scenes, evaluate it, export it.

Training images are rendered in memory by make_detection_dataset.SceneGenerator from the official Fashion-MNIST
training items (a new scene for every step, so the detector never sees the same image twice); validation uses the
committed split made from the official test items. The loss is YOLOv5's (v6): CIoU box loss, objectness BCE with
the IoU as target and level balance (4, 1, 0.4), class BCE; targets assigned to anchors whose side ratios are
within 4x, in the cell and its two nearest neighbours. Adam, warm-up, cosine decay, and an exponential moving
average of the weights (the EMA weights are what is exported), as YOLOv5's trainer does.

Produces
  assets/models/yolov5n-fashion.onnx                 BN folded, opset 13, images [1,3,320,320] -> output0 [1,6300,15]
  src/test/resources/fixtures/yolov5n-fashion-bn.onnx.gz   same weights, BatchNormalization kept (for BN-gamma)
  assets/models/yolov5n-fashion.json                 classes, preprocessing, training record, PyTorch metrics
  /tmp/yolov5n-fashion-torch-detections.json        PyTorch's detections on the validation
                                                     split (COCO results list), for the Java pipeline test
The metrics are COCO's, computed by pycocotools on PyTorch's detections (src/tools/coco_eval_detector.py, run
with a Python that has pycocotools; Debian's has torch but not pycocotools, so it is a second step).

Run from the repository root (Debian's python3 with python3-torch; 2 cores):
    /usr/bin/python3 src/tools/make_detection_dataset.py --split val --count 256 --out assets/data/fashion-detect
    /usr/bin/python3 src/tools/train_yolov5_detector.py --minutes 45 > /tmp/train.log 2>&1
    /usr/bin/python3 src/tools/train_yolov5_detector.py --resume --minutes 25 --lr 1e-3
    /usr/bin/python3 src/tools/train_yolov5_detector.py --resume --minutes 20 --lr 1e-3
    taskset -c 1 /usr/bin/python3 src/tools/train_yolov5_detector.py --resume --minutes 85 --lr 1e-3 --threads 1
    python3 src/tools/coco_eval_detector.py      # pycocotools mAP of the PyTorch detections -> the reference .json
The shipped model came from exactly these four phases (175 min: the first two on cores shared with builds). On an
idle machine one run of about 100 min (--minutes 100) should reach the same mAP. PyTorch with 2 OpenMP threads
nearly stalls when another process uses a core; one thread pinned to one core does not.
"""
import argparse
import glob
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torchvision
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_detection_dataset as scenes  # noqa: E402
import onnx  # noqa: E402
import onnx_util  # noqa: E402
import yolov5  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
VAL_DIR = os.path.join(ROOT, "assets", "data", "fashion-detect")
MODELS = os.path.join(ROOT, "assets", "models")
FIXTURES = os.path.join(ROOT, "src", "test", "resources", "fixtures")
IMG = 320
NC = 10
SEED = 20261130


# ----------------------------------------------------------------------------------------------------- loss

def bbox_ciou(b1, b2, eps=1e-7):
    """CIoU of boxes given as (cx, cy, w, h), row by row."""
    (x1, y1, w1, h1), (x2, y2, w2, h2) = b1.chunk(4, -1), b2.chunk(4, -1)
    b1x1, b1x2, b1y1, b1y2 = x1 - w1 / 2, x1 + w1 / 2, y1 - h1 / 2, y1 + h1 / 2
    b2x1, b2x2, b2y1, b2y2 = x2 - w2 / 2, x2 + w2 / 2, y2 - h2 / 2, y2 + h2 / 2
    inter = (torch.min(b1x2, b2x2) - torch.max(b1x1, b2x1)).clamp(0) * \
            (torch.min(b1y2, b2y2) - torch.max(b1y1, b2y1)).clamp(0)
    union = w1 * h1 + w2 * h2 - inter + eps
    iou = inter / union
    cw = torch.max(b1x2, b2x2) - torch.min(b1x1, b2x1)
    ch = torch.max(b1y2, b2y2) - torch.min(b1y1, b2y1)
    c2 = cw ** 2 + ch ** 2 + eps
    rho2 = ((x2 - x1) ** 2 + (y2 - y1) ** 2)
    v = (4 / math.pi ** 2) * (torch.atan(w2 / (h2 + eps)) - torch.atan(w1 / (h1 + eps))).pow(2)
    with torch.no_grad():
        alpha = v / (v - iou + (1 + eps))
    return (iou - (rho2 / c2 + v * alpha)).squeeze(-1)


class YoloLoss:
    def __init__(self, model):
        det = model.detect
        self.na, self.nl, self.nc = det.na, det.nl, det.nc
        self.anchors = det.anchors / torch.tensor(det.stride, dtype=torch.float32).view(-1, 1, 1)  # grid units
        self.balance = [4.0, 1.0, 0.4]
        self.bce = nn.BCEWithLogitsLoss()
        # YOLOv5 hyperparameters (hyp.scratch-low) scaled as its trainer scales them for nl, nc and image size
        self.w_box = 0.05 * 3 / self.nl
        self.w_cls = 0.5 * self.nc / 80 * 3 / self.nl
        self.w_obj = 1.0 * (IMG / 640) ** 2 * 3 / self.nl
        self.anchor_t = 4.0

    def build_targets(self, p, targets):
        """targets: [nt, 6] = (image, class, cx, cy, w, h) normalised. Returns per level classes, boxes (relative
        to the cell), indices (image, anchor, gy, gx) and anchors."""
        na, nt = self.na, targets.shape[0]
        tcls, tbox, indices, anch = [], [], [], []
        gain = torch.ones(7)
        ai = torch.arange(na, dtype=torch.float32).view(na, 1).repeat(1, nt)
        targets = torch.cat((targets.repeat(na, 1, 1), ai[..., None]), 2)
        g = 0.5
        off = torch.tensor([[0, 0], [1, 0], [0, 1], [-1, 0], [0, -1]], dtype=torch.float32) * g
        for i in range(self.nl):
            anchors, shape = self.anchors[i], p[i].shape
            gain[2:6] = torch.tensor(shape)[[3, 2, 3, 2]]
            t = targets * gain
            if nt:
                r = t[..., 4:6] / anchors[:, None]
                t = t[torch.max(r, 1 / r).max(2)[0] < self.anchor_t]
                gxy = t[:, 2:4]
                gxi = gain[[2, 3]] - gxy
                j, k = ((gxy % 1 < g) & (gxy > 1)).T
                l, m = ((gxi % 1 < g) & (gxi > 1)).T
                j = torch.stack((torch.ones_like(j), j, k, l, m))
                t = t.repeat((5, 1, 1))[j]
                offsets = (torch.zeros_like(gxy)[None] + off[:, None])[j]
            else:
                t = targets[0]
                offsets = 0
            bc, gxy, gwh, a = t.split((2, 2, 2, 1), 1)
            a, (b, c) = a.long().view(-1), bc.long().T
            gij = (gxy - offsets).long()
            gi, gj = gij.T
            gi, gj = gi.clamp(0, shape[3] - 1), gj.clamp(0, shape[2] - 1)
            indices.append((b, a, gj, gi))
            tbox.append(torch.cat((gxy - torch.stack((gi, gj), 1), gwh), 1))
            anch.append(anchors[a])
            tcls.append(c)
        return tcls, tbox, indices, anch

    def __call__(self, p, targets):
        lbox, lobj, lcls = torch.zeros(1), torch.zeros(1), torch.zeros(1)
        tcls, tbox, indices, anch = self.build_targets(p, targets)
        for i, pi in enumerate(p):
            b, a, gj, gi = indices[i]
            tobj = torch.zeros(pi.shape[:4])
            n = b.shape[0]
            if n:
                pxy, pwh, _, pcls = pi[b, a, gj, gi].split((2, 2, 1, self.nc), 1)
                pxy = pxy.sigmoid() * 2 - 0.5
                pwh = (pwh.sigmoid() * 2) ** 2 * anch[i]
                iou = bbox_ciou(torch.cat((pxy, pwh), 1), tbox[i])
                lbox = lbox + (1.0 - iou).mean()
                tobj[b, a, gj, gi] = iou.detach().clamp(0)
                tc = torch.zeros_like(pcls)
                tc[range(n), tcls[i]] = 1.0
                lcls = lcls + self.bce(pcls, tc)
            lobj = lobj + self.bce(pi[..., 4], tobj) * self.balance[i]
        bs = p[0].shape[0]
        parts = torch.cat((lbox * self.w_box, lobj * self.w_obj, lcls * self.w_cls))
        return parts.sum() * bs, parts.detach()


# ----------------------------------------------------------------------------------------------------- data

class SceneStream(torch.utils.data.IterableDataset):
    """Training scenes: index = start + k·workers + worker id, each rendered on demand, randomly flipped."""

    def __init__(self, start):
        self.start = start

    def __iter__(self):
        items, labels = scenes.load_items("train")
        gen = scenes.SceneGenerator(items, labels, scenes.SEEDS["train"])
        info = torch.utils.data.get_worker_info()
        wid, nw = (info.id, info.num_workers) if info else (0, 1)
        k = self.start + wid
        while True:
            img, boxes = gen.scene(k)
            if (k * 2654435761) % 7 < 3:      # a deterministic horizontal flip for 3 in 7 scenes
                img = img[:, ::-1].copy()
                boxes[:, [1, 3]] = IMG - boxes[:, [3, 1]]
            x = torch.from_numpy(img).permute(2, 0, 1).contiguous()
            t = torch.zeros(len(boxes), 6)
            if len(boxes):
                b = torch.from_numpy(boxes)
                t[:, 1] = b[:, 0]
                t[:, 2] = (b[:, 1] + b[:, 3]) / 2 / IMG
                t[:, 3] = (b[:, 2] + b[:, 4]) / 2 / IMG
                t[:, 4] = (b[:, 3] - b[:, 1]) / IMG
                t[:, 5] = (b[:, 4] - b[:, 2]) / IMG
            yield x, t
            k += nw


def collate(batch):
    xs, ts = zip(*batch)
    for i, t in enumerate(ts):
        t[:, 0] = i
    return torch.stack(xs).float() / 255.0, torch.cat(ts, 0)


def val_images():
    files = sorted(glob.glob(os.path.join(VAL_DIR, "images", "val", "*.jpg")))
    if not files:
        raise SystemExit(f"no validation images in {VAL_DIR}: run make_detection_dataset.py first")
    return files


# ----------------------------------------------------------------------------------------------- evaluation

def nms_val(pred, conf_thres=0.001, iou_thres=0.6, max_det=300, max_nms=30000):
    """val.py's post-processing for one image's decoded rows [N, 5+nc]: obj > conf, score = obj·cls, multi-label,
    class-aware NMS, at most max_det. Returns [M, 6] = x1, y1, x2, y2, score, class."""
    x = pred[pred[:, 4] > conf_thres]
    if not len(x):
        return torch.zeros(0, 6)
    x = x.clone()
    x[:, 5:] *= x[:, 4:5]
    box = torch.cat((x[:, 0:2] - x[:, 2:4] / 2, x[:, 0:2] + x[:, 2:4] / 2), 1)
    i, j = (x[:, 5:] > conf_thres).nonzero(as_tuple=False).T
    det = torch.cat((box[i], x[i, j + 5, None], j[:, None].float()), 1)
    det = det[det[:, 4].argsort(descending=True)[:max_nms]]
    keep = torchvision.ops.batched_nms(det[:, :4], det[:, 4], det[:, 5].long(), iou_thres)[:max_det]
    return det[keep]


def detect_val(model):
    """PyTorch's detections on the validation split, as a COCO results list (image_id = file stem's number)."""
    model.eval()
    model.detect.raw = False
    results = []
    with torch.no_grad():
        for f in val_images():
            img = np.asarray(Image.open(f).convert("RGB"))
            x = torch.from_numpy(img).permute(2, 0, 1).float()[None] / 255.0
            det = nms_val(model(x)[0])
            det[:, [0, 2]] = det[:, [0, 2]].clamp(0, img.shape[1])
            det[:, [1, 3]] = det[:, [1, 3]].clamp(0, img.shape[0])
            stem = os.path.splitext(os.path.basename(f))[0]
            for x1, y1, x2, y2, s, c in det.tolist():
                results.append({"image_id": stem, "category_id": int(c),
                                "bbox": [round(x1, 3), round(y1, 3), round(x2 - x1, 3), round(y2 - y1, 3)],
                                "score": round(s, 5)})
    return results


def quick_map50(results):
    """A rough mAP@0.5 for progress lines during training (the reported figures come from pycocotools)."""
    gts = {}
    for f in val_images():
        stem = os.path.splitext(os.path.basename(f))[0]
        lab = os.path.join(VAL_DIR, "labels", "val", stem + ".txt")
        rows = [list(map(float, l.split())) for l in open(lab) if l.strip()]
        gts[stem] = [(int(r[0]), (r[1] - r[3] / 2) * IMG, (r[2] - r[4] / 2) * IMG,
                      (r[1] + r[3] / 2) * IMG, (r[2] + r[4] / 2) * IMG) for r in rows]
    aps = []
    for c in range(NC):
        dets = sorted((d for d in results if d["category_id"] == c), key=lambda d: -d["score"])
        npos = sum(1 for g in gts.values() for t in g if t[0] == c)
        if npos == 0:
            continue
        used = set()
        tp = []
        for d in dets:
            x, y, w, h = d["bbox"]
            best, bi = 0.5, None
            for gi, t in enumerate(gts[d["image_id"]]):
                if t[0] != c or (d["image_id"], gi) in used:
                    continue
                iw = max(0, min(x + w, t[3]) - max(x, t[1]))
                ih = max(0, min(y + h, t[4]) - max(y, t[2]))
                inter = iw * ih
                u = w * h + (t[3] - t[1]) * (t[4] - t[2]) - inter
                if u > 0 and inter / u >= best:
                    best, bi = inter / u, gi
            tp.append(bi is not None)
            if bi is not None:
                used.add((d["image_id"], bi))
        tp = np.array(tp, dtype=np.float64)
        ctp = np.cumsum(tp)
        rec = ctp / npos
        prec = ctp / np.arange(1, len(tp) + 1)
        prec = np.maximum.accumulate(prec[::-1])[::-1] if len(prec) else prec
        ap = 0.0
        for r in np.linspace(0, 1, 101):
            idx = np.searchsorted(rec, r, side="left")
            ap += prec[idx] if idx < len(prec) else 0.0
        aps.append(ap / 101)
    return float(np.mean(aps))


# --------------------------------------------------------------------------------------------------- train

class Ema:
    """Exponential moving average of the weights and buffers; decay ramps up as YOLOv5's ModelEMA does."""

    def __init__(self, model, decay=0.9999, tau=2000):
        import copy
        self.model = copy.deepcopy(model).eval()
        for p in self.model.parameters():
            p.requires_grad_(False)
        self.updates, self.decay, self.tau = 0, decay, tau

    def update(self, model):
        self.updates += 1
        d = self.decay * (1 - math.exp(-self.updates / self.tau))
        with torch.no_grad():
            msd = model.state_dict()
            for k, v in self.model.state_dict().items():
                if v.dtype.is_floating_point:
                    v.mul_(d).add_(msd[k].detach(), alpha=1 - d)


def init_detect_biases(model):
    det = model.detect
    for conv, s in zip(det.m, det.stride):
        b = conv.bias.view(det.na, -1)
        with torch.no_grad():
            b[:, 4] += math.log(8 / (640 / s) ** 2)
            b[:, 5:5 + det.nc] += math.log(0.6 / (det.nc - 0.99))


def train(args, start=None):
    """Trains for args.minutes of wall-clock time; with `start` (a checkpoint) continues from its weights, on
    scenes it has not seen, with a new warm-up and cosine decay from args.lr."""
    torch.manual_seed(SEED if start is None else SEED + start["record"]["images_seen"])
    torch.set_num_threads(args.threads)
    model = yolov5.yolov5("n", nc=NC)
    if start is None:
        init_detect_biases(model)
    else:
        model.load_state_dict(start["model"])
    loss_fn = YoloLoss(model)
    decay, no_decay = [], []
    for name, p in model.named_parameters():
        (decay if p.ndim == 4 else no_decay).append(p)
    opt = torch.optim.Adam([{"params": no_decay, "weight_decay": 0.0},
                            {"params": decay, "weight_decay": 5e-4}], lr=args.lr, betas=(0.937, 0.999))
    ema = Ema(model)
    first_scene = 0 if start is None else start["record"]["images_seen"] + 1000
    loader = torch.utils.data.DataLoader(SceneStream(first_scene), batch_size=args.batch, collate_fn=collate,
                                         num_workers=1, prefetch_factor=4)
    t0 = time.time()
    budget = args.minutes * 60
    warmup = 150
    step, seen = 0, 0
    model.train()
    model.detect.raw = True
    running = None
    history = []
    for x, targets in loader:
        elapsed = time.time() - t0
        frac = min(elapsed / budget, 1.0)
        lr = args.lr * (0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * frac)))
        if step < warmup:
            lr *= (step + 1) / warmup
        for gidx, g in enumerate(opt.param_groups):
            g["lr"] = lr
        loss, parts = loss_fn(model(x), targets)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 10.0)
        opt.step()
        ema.update(model)
        step += 1
        seen += x.shape[0]
        running = parts if running is None else running * 0.98 + parts * 0.02
        if step % 50 == 0:
            print(f"step {step} images {seen} {elapsed / 60:.1f} min lr {lr:.2e} "
                  f"box {running[0]:.4f} obj {running[1]:.4f} cls {running[2]:.4f}", flush=True)
        if step % args.eval_every == 0:
            m50 = quick_map50(detect_val(ema.model))
            history.append({"step": step, "minutes": round(elapsed / 60, 2), "map50_rough": round(m50, 4)})
            print(f"  eval step {step}: rough mAP@0.5 {m50:.4f}", flush=True)
        if elapsed >= budget:
            break
    minutes = (time.time() - t0) / 60
    phase = {"steps": step, "images_seen": seen, "minutes": round(minutes, 1), "batch": args.batch,
             "lr": args.lr, "threads": args.threads, "history": history}
    if start is None:
        return ema.model, dict(phase, phases=[dict(phase)])
    prev = start["record"]
    phases = prev.get("phases", [{k: prev[k] for k in ("steps", "images_seen", "minutes", "batch", "lr", "threads",
                                                       "history") if k in prev}]) + [phase]
    total = {"steps": sum(p["steps"] for p in phases), "images_seen": sum(p["images_seen"] for p in phases),
             "minutes": round(sum(p["minutes"] for p in phases), 1), "batch": args.batch, "threads": args.threads,
             "history": [h for p in phases for h in p["history"]], "phases": phases}
    return ema.model, total


def export(model, record, results):
    model = model.eval()
    model.detect.raw = False
    model.prepare(IMG, IMG)
    x = torch.zeros(1, 3, IMG, IMG)
    m_bn = onnx_util.export_onnx(model, x, keep_bn=True, input_names=["images"], output_names=["output0"])
    import copy
    fused = yolov5.fuse_bn(copy.deepcopy(model))
    m_fold = onnx_util.export_onnx(fused, x, keep_bn=False, input_names=["images"], output_names=["output0"])
    probe = torch.from_numpy(np.asarray(Image.open(val_images()[0]).convert("RGB"))).permute(2, 0, 1)[None] / 255.0
    with torch.no_grad():
        d = float((model(probe.float()) - fused(probe.float())).abs().max())
    print(f"max |BN kept - BN folded| on a validation image: {d:.2e}")
    for m, kind in ((m_bn, "BatchNormalization kept"), (m_fold, "BatchNormalization folded into Conv")):
        m.doc_string = (f"YOLOv5n v6 trained on Fashion-MNIST detection scenes (10 classes, 320x320), {kind}. "
                        "Made by src/tools/train_yolov5_detector.py for PruneScope.")
        for k, v in (("generator", "src/tools/train_yolov5_detector.py"), ("strides", "8,16,32"),
                     ("names", json.dumps({i: n for i, n in enumerate(scenes.CLASSES)})),
                     ("anchors", json.dumps(yolov5.ANCHORS))):
            p = m.metadata_props.add()
            p.key, p.value = k, v
    onnx.save(m_fold, os.path.join(MODELS, "yolov5n-fashion.onnx"))
    import gzip
    with open(os.path.join(FIXTURES, "yolov5n-fashion-bn.onnx.gz"), "wb") as out:
        with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0, compresslevel=9) as gz:
            gz.write(m_bn.SerializeToString())
    with open("/tmp/yolov5n-fashion-torch-detections.json", "w") as f:
        json.dump(results, f)
    info = {"model": "assets/models/yolov5n-fashion.onnx",
            "architecture": "YOLOv5n v6 (src/tools/yolov5.py), 10 classes, input images [1,3,320,320] RGB /255, "
                            "output0 [1,6300,15] = cx, cy, w, h (px), objectness, 10 class probabilities",
            "classes": scenes.CLASSES, "data": "assets/data/fashion-detect (data.yaml)",
            "params_bn_folded": onnx_util.param_count(m_fold), "macs": onnx_util.macs(m_fold),
            "training": record, "torch": torch.__version__}
    with open(os.path.join(MODELS, "yolov5n-fashion.json"), "w") as f:
        json.dump(info, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--minutes", type=float, default=45, help="wall-clock training budget (cosine schedule over it)")
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--eval-every", type=int, default=500)
    ap.add_argument("--checkpoint", default="/tmp/yolov5n-fashion.pt")
    ap.add_argument("--export-only", action="store_true", help="export the checkpoint without training")
    ap.add_argument("--resume", action="store_true",
                    help="continue from --checkpoint for --minutes more (new warm-up and cosine from --lr)")
    a = ap.parse_args()
    if a.resume:
        net, rec = train(a, torch.load(a.checkpoint))
        torch.save({"model": net.state_dict(), "record": rec}, a.checkpoint)
    elif a.export_only:
        ck = torch.load(a.checkpoint)
        net = yolov5.yolov5("n", nc=NC)
        net.load_state_dict(ck["model"])
        rec = ck["record"]
    if not a.resume and not a.export_only:
        net, rec = train(a)
        torch.save({"model": net.state_dict(), "record": rec}, a.checkpoint)
    res = detect_val(net)
    rec["map50_rough_final"] = round(quick_map50(res), 4)
    print(f"final rough mAP@0.5 {rec['map50_rough_final']}")
    export(net, rec, res)
