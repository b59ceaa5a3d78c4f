"""pycocotools' COCOeval of PyTorch's detections on the Fashion-MNIST detection validation split: the independent
reference the Java detection pipeline must reproduce (to 0.005 mAP).

Reads the YOLO labels of assets/data/fashion-detect (val), turns them into a COCO ground-truth set (image ids = the
images in file-name order, 0…N−1; boxes x = (cx − w/2)·W …), reads /tmp/yolov5n-fashion-torch-detections.json
(written by train_yolov5_detector.py: val.py post-processing of the PyTorch model's outputs), runs COCOeval (bbox)
and writes src/test/resources/fixtures/yolov5n-fashion-reference.json with mAP@0.5:0.95, mAP@0.5 and per-class AP.

Needs a Python with pycocotools and numpy (the `python3` on PATH here; Debian's has torch but not pycocotools):
    python3 src/tools/coco_eval_detector.py
"""
import glob
import json
import os

import numpy as np
from PIL import Image
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
VAL = os.path.join(ROOT, "assets", "data", "fashion-detect")
DETS = "/tmp/yolov5n-fashion-torch-detections.json"
OUT = os.path.join(ROOT, "src", "test", "resources", "fixtures", "yolov5n-fashion-reference.json")
NAMES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]


def ground_truth():
    images, anns, ids = [], [], {}
    for i, f in enumerate(sorted(glob.glob(os.path.join(VAL, "images", "val", "*.jpg")))):
        stem = os.path.splitext(os.path.basename(f))[0]
        w, h = Image.open(f).size
        ids[stem] = i
        images.append({"id": i, "file_name": os.path.basename(f), "width": w, "height": h})
        for line in open(os.path.join(VAL, "labels", "val", stem + ".txt")):
            if not line.strip():
                continue
            c, cx, cy, bw, bh = (float(v) for v in line.split())
            x, y = (cx - bw / 2) * w, (cy - bh / 2) * h
            anns.append({"id": len(anns) + 1, "image_id": i, "category_id": int(c),
                         "bbox": [x, y, bw * w, bh * h], "area": bw * w * bh * h, "iscrowd": 0})
    cats = [{"id": k, "name": n} for k, n in enumerate(NAMES)]
    return {"images": images, "annotations": anns, "categories": cats}, ids


def main():
    gt_json, ids = ground_truth()
    gt = COCO()
    gt.dataset = gt_json
    gt.createIndex()
    dets = json.load(open(DETS))
    for d in dets:
        d["image_id"] = ids[d["image_id"]]
    dt = gt.loadRes(dets)
    ev = COCOeval(gt, dt, "bbox")
    ev.evaluate()
    ev.accumulate()
    ev.summarize()
    per_class = {}
    for k, name in enumerate(NAMES):
        p = ev.eval["precision"][:, :, k, 0, 2]          # [T, R] at area all, maxDets 100
        per_class[name] = {"ap50_95": float(np.mean(p[p > -1])) if (p > -1).any() else None,
                           "ap50": float(np.mean(p[0][p[0] > -1])) if (p[0] > -1).any() else None}
    ref = {"model": "assets/models/yolov5n-fashion.onnx (PyTorch weights before export)",
           "data": "assets/data/fashion-detect (val, 256 images)",
           "postprocess": "val.py: conf 0.001, class-aware NMS IoU 0.6, multi-label, max 300 per image",
           "metric": "pycocotools COCOeval bbox (maxDets 100, area all)",
           "detections": len(dets), "instances": len(gt_json["annotations"]),
           "map50_95": float(ev.stats[0]), "map50": float(ev.stats[1]), "per_class": per_class}
    with open(OUT, "w") as f:
        json.dump(ref, f, indent=1)
        f.write("\n")
    print(json.dumps({k: ref[k] for k in ("map50_95", "map50", "detections", "instances")}))


if __name__ == "__main__":
    main()
