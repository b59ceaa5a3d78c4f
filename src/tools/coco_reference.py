"""Reference numbers for io.prunescope.detection.CocoMetric, computed by pycocotools' COCOeval.

Writes src/test/resources/fixtures/coco-reference.json: a few seeded cases (ground truth, detections, and what
COCOeval reports for them) that CocoMetricReferenceTest replays in Java, so the tests never need Python.

Needs numpy and pycocotools. Debian 12 has no python3-pycocotools package; pip installs it (e.g. into a venv):
    python3 -m venv /tmp/cocoenv && /tmp/cocoenv/bin/pip install pycocotools
    /tmp/cocoenv/bin/python src/tools/coco_reference.py

Cases:
  random  20 images, 4 categories (ids 1, 3, 7, 9; id 9 has detections but no ground truth, so COCO leaves it out),
          about 5 % crowd boxes, noisy detections (jitter, wrong classes, duplicates, background false positives),
          one image with 130 detections (more than maxDets = 100)
  ties    a detection whose IoU is equal with two ground truths (pycocotools takes the later one)
  crowd   detections on crowd regions next to regular boxes

Besides COCOeval's stats, each case carries P and R as YOLOv5's val.py defines them (process_batch at IoU 0.5,
ap_per_class's interpolation and smoothed-F1 operating point), computed here from those definitions with numpy,
a second, independent implementation of what ValPrecisionRecall does.
"""
import contextlib
import io
import json
import os

import numpy as np
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "resources", "fixtures",
                   "coco-reference.json")


def iou_xywh(a, b):
    ax2, ay2, bx2, by2 = a[0] + a[2], a[1] + a[3], b[0] + b[2], b[1] + b[3]
    w = min(ax2, bx2) - max(a[0], b[0])
    h = min(ay2, by2) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    return w * h / (a[2] * a[3] + b[2] * b[3] - w * h)


def random_case(seed=20261130):
    rng = np.random.default_rng(seed)
    cats = [1, 3, 7, 9]
    images, anns, dets = [], [], []
    for img_id in range(1, 21):
        W, H = int(rng.integers(200, 640)), int(rng.integers(200, 640))
        images.append({"id": img_id, "width": W, "height": H, "file_name": f"{img_id}.png"})
        many = img_id == 7
        for _ in range(int(rng.integers(0, 7))):
            cat = int(rng.choice(cats[:3]))
            w, h = rng.uniform(10, W / 2), rng.uniform(10, H / 2)
            x, y = rng.uniform(0, W - w), rng.uniform(0, H - h)
            crowd = int(rng.random() < 0.05)
            box = [float(x), float(y), float(w), float(h)]
            anns.append({"id": len(anns) + 1, "image_id": img_id, "category_id": cat, "bbox": box,
                         "area": float(w * h), "iscrowd": crowd})
            copies = 1 + int(rng.random() < 0.2)
            for _ in range(copies if rng.random() < 0.85 else 0):
                s = rng.uniform(0.02, 0.25)
                jitter = [x + rng.normal(0, s * w), y + rng.normal(0, s * h), w * np.exp(rng.normal(0, s)),
                          h * np.exp(rng.normal(0, s))]
                dcat = cat if rng.random() < 0.85 else int(rng.choice(cats))
                dets.append({"image_id": img_id, "category_id": dcat, "bbox": [float(v) for v in jitter],
                             "score": float(rng.uniform(0.05, 1.0))})
        for _ in range(130 if many else int(rng.integers(0, 5))):
            w, h = rng.uniform(5, W / 3), rng.uniform(5, H / 3)
            dets.append({"image_id": img_id, "category_id": int(rng.choice(cats)),
                         "bbox": [float(rng.uniform(0, W - w)), float(rng.uniform(0, H - h)), float(w), float(h)],
                         "score": float(rng.uniform(0.0, 0.6))})
    return images, cats, anns, dets


def ties_case():
    # A at x 0..10, B at x 4..14 (both y 0..10); det1 covers x 2..12: IoU 8/12 with both. pycocotools gives it B
    # (the later one), so det2 (x 0..9, IoU 0.9 with A, 5/14 with B) still finds A: two true positives.
    images = [{"id": 1, "width": 50, "height": 50, "file_name": "1.png"}]
    anns = [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [0.0, 0.0, 10.0, 10.0], "area": 100.0, "iscrowd": 0},
            {"id": 2, "image_id": 1, "category_id": 1, "bbox": [4.0, 0.0, 10.0, 10.0], "area": 100.0, "iscrowd": 0}]
    dets = [{"image_id": 1, "category_id": 1, "bbox": [2.0, 0.0, 10.0, 10.0], "score": 0.9},
            {"image_id": 1, "category_id": 1, "bbox": [0.0, 0.0, 9.0, 10.0], "score": 0.8}]
    return images, [1], anns, dets


def crowd_case():
    images = [{"id": 1, "width": 100, "height": 100, "file_name": "1.png"},
              {"id": 2, "width": 100, "height": 100, "file_name": "2.png"}]
    anns = [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [0.0, 0.0, 60.0, 60.0], "area": 3600.0, "iscrowd": 1},
            {"id": 2, "image_id": 1, "category_id": 1, "bbox": [10.0, 10.0, 20.0, 20.0], "area": 400.0, "iscrowd": 0},
            {"id": 3, "image_id": 2, "category_id": 1, "bbox": [50.0, 50.0, 30.0, 30.0], "area": 900.0, "iscrowd": 0}]
    dets = [{"image_id": 1, "category_id": 1, "bbox": [11.0, 11.0, 20.0, 20.0], "score": 0.7},
            {"image_id": 1, "category_id": 1, "bbox": [30.0, 30.0, 20.0, 20.0], "score": 0.95},
            {"image_id": 1, "category_id": 1, "bbox": [12.0, 12.0, 20.0, 20.0], "score": 0.6},
            {"image_id": 1, "category_id": 1, "bbox": [50.0, 0.0, 30.0, 30.0], "score": 0.5},
            {"image_id": 2, "category_id": 1, "bbox": [52.0, 50.0, 30.0, 30.0], "score": 0.65}]
    return images, [1], anns, dets


def coco_eval(images, cats, anns, dets):
    gt = COCO()
    gt.dataset = {"images": [dict(i) for i in images], "annotations": [dict(a) for a in anns],
                  "categories": [{"id": c, "name": f"c{c}"} for c in cats]}
    with contextlib.redirect_stdout(io.StringIO()):
        gt.createIndex()
        dt = gt.loadRes([dict(d) for d in dets])
        ev = COCOeval(gt, dt, "bbox")
        ev.evaluate()
        ev.accumulate()
        ev.summarize()
    prec = ev.eval["precision"]  # [T, R, K, A, M]; area 'all' = 0, maxDets 100 = 2
    per_class = []
    for k, c in enumerate(ev.params.catIds):
        p = prec[:, :, k, 0, 2]
        if (p > -1).all():
            per_class.append({"category_id": int(c), "ap50": float(p[0].mean()), "ap50_95": float(p.mean())})
        else:
            per_class.append({"category_id": int(c), "ap50": None, "ap50_95": None})
    return [float(s) for s in ev.stats], per_class


def val_precision_recall(images, cats, anns, dets):
    """val.py's P and R, from its definitions (process_batch at IoU 0.5, ap_per_class, smooth)."""
    eps = 1e-16
    correct, conf, pred_cls, target_cls = [], [], [], []
    for im in images:  # the data loader's order
        labels = [a for a in anns if a["image_id"] == im["id"] and not a["iscrowd"]]
        ds = [d for d in dets if d["image_id"] == im["id"]]
        target_cls += [cats.index(a["category_id"]) for a in labels]
        ok = np.zeros(len(ds), bool)
        pairs = []
        for li, a in enumerate(labels):
            for di, d in enumerate(ds):
                if a["category_id"] != d["category_id"]:
                    continue
                ax1, ay1, aw, ah = a["bbox"]
                bx1, by1, bw, bh = d["bbox"]
                iw = max(0.0, min(ax1 + aw, bx1 + bw) - max(ax1, bx1))
                ih = max(0.0, min(ay1 + ah, by1 + bh) - max(ay1, by1))
                inter = iw * ih
                iou = inter / (aw * ah + bw * bh - inter + 1e-7)
                if iou >= 0.5:
                    pairs.append([li, di, iou])
        if pairs:
            m = np.array(pairs)
            if len(m) > 1:
                m = m[np.argsort(m[:, 2], kind="stable")[::-1]]
                m = m[np.unique(m[:, 1], return_index=True)[1]]
                m = m[np.unique(m[:, 0], return_index=True)[1]]
            ok[m[:, 1].astype(int)] = True
        correct += list(ok)
        conf += [d["score"] for d in ds]
        pred_cls += [cats.index(d["category_id"]) for d in ds]
    correct, conf, pred_cls = np.array(correct), np.array(conf), np.array(pred_cls)
    if not correct.any():
        return 0.0, 0.0
    i = np.argsort(-conf, kind="stable")
    correct, conf, pred_cls = correct[i], conf[i], pred_cls[i]
    classes, nt = np.unique(np.array(target_cls), return_counts=True)
    px = np.linspace(0, 1, 1000)
    p, r = np.zeros((len(classes), 1000)), np.zeros((len(classes), 1000))
    for ci, c in enumerate(classes):
        sel = pred_cls == c
        if sel.sum() == 0:
            continue
        tpc = correct[sel].cumsum()
        fpc = (1 - correct[sel]).cumsum()
        r[ci] = np.interp(-px, -conf[sel], tpc / (nt[ci] + eps), left=0)
        p[ci] = np.interp(-px, -conf[sel], tpc / (tpc + fpc), left=1)
    f1 = 2 * p * r / (p + r + eps)
    y = f1.mean(0)
    nf = round(len(y) * 0.1 * 2) // 2 + 1
    pad = np.ones(nf // 2)
    smoothed = np.convolve(np.concatenate((pad * y[0], y, pad * y[-1])), np.ones(nf) / nf, mode="valid")
    best = smoothed.argmax()
    return float(p[:, best].mean()), float(r[:, best].mean())


def main():
    cases = []
    for name, make in [("random", random_case), ("ties", ties_case), ("crowd", crowd_case)]:
        images, cats, anns, dets = make()
        stats, per_class = coco_eval(images, cats, anns, dets)
        vp, vr = val_precision_recall(images, cats, anns, dets)
        cases.append({"name": name, "images": images, "categories": cats, "annotations": anns, "detections": dets,
                      "stats": stats, "per_class": per_class, "val_precision": vp, "val_recall": vr})
        print(f"{name}: AP {stats[0]:.6f} AP50 {stats[1]:.6f} P {vp:.6f} R {vr:.6f} "
              f"({len(anns)} annotations, {len(dets)} detections)")
    import pycocotools
    doc = {"generator": "src/tools/coco_reference.py",
           "pycocotools": getattr(pycocotools, "__version__", "2.0.x"), "numpy": np.__version__,
           "stats_order": ["AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100", "ARs", "ARm", "ARl"],
           "cases": cases}
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
