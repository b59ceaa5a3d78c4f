"""A detection data set made from Fashion-MNIST: items scaled and placed on cluttered, noisy 320x320 canvases.

Every image holds 1-8 Fashion-MNIST items (10 classes), each scaled to 24-120 px (aspect jittered), tinted, and
blended onto a background of colour gradients, random strokes, ellipses and Gaussian noise. Boxes are the tight
bounds of each item's visible pixels, in YOLO format (class cx cy w h, normalised to [0, 1]). Items overlap at
most a little (IoU <= 0.2 with every earlier box), so every label is visible.

Train images use the official training items; validation images use the official test items, so no item is in
both. Everything is seeded: the same seed and split give the same pixels.

As a library (the training script renders training images in memory, nothing on disk):
    gen = SceneGenerator(items, labels, seed)     # items: uint8 [N, 28, 28]
    image, boxes = gen.scene(index)               # uint8 [320, 320, 3], float [[cls, x1, y1, x2, y2], ...] px

As a script, writes a YOLO-format folder (JPEG images, labels/*.txt, data.yaml):
    /usr/bin/python3 src/tools/make_detection_dataset.py --split val --count 256 --out assets/data/fashion-detect
"""
import argparse
import gzip
import os
import struct

import numpy as np
from PIL import Image

DATA_DIR = "/usr/share/datasets/fashion-mnist"
CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
           "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
SIZE = 320
MIN_ITEM, MAX_ITEM = 24, 120
MAX_OVERLAP_IOU = 0.2
VISIBLE = 24          # an item pixel at or above this grey level counts as part of the item (and of its box)


def read_idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    _, dtype, ndim = struct.unpack(">HBB", raw[:4])
    assert dtype == 0x08
    dims = struct.unpack(">" + "I" * ndim, raw[4:4 + 4 * ndim])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load_items(split):
    prefix = "train" if split == "train" else "t10k"
    images = read_idx(os.path.join(DATA_DIR, f"{prefix}-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(DATA_DIR, f"{prefix}-labels-idx1-ubyte.gz"))
    return images, labels


def iou(a, b):
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


class SceneGenerator:
    def __init__(self, items, labels, seed):
        self.items = items
        self.labels = labels
        self.seed = seed

    def background(self, rng):
        """A colour gradient, then strokes and ellipses (clutter), all below the items' brightness range mostly."""
        c0 = rng.uniform(0, 150, 3)
        c1 = rng.uniform(0, 150, 3)
        t = np.linspace(0, 1, SIZE, dtype=np.float32)
        if rng.random() < 0.5:
            ramp = t[None, :, None]
        else:
            ramp = t[:, None, None]
        img = (c0 * (1 - ramp) + c1 * ramp) * np.ones((SIZE, SIZE, 1), np.float32)
        canvas = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8))
        from PIL import ImageDraw
        draw = ImageDraw.Draw(canvas)
        for _ in range(rng.integers(3, 12)):
            colour = tuple(int(v) for v in rng.uniform(0, 255, 3))
            x0, y0, x1, y1 = (int(v) for v in rng.uniform(-20, SIZE + 20, 4))
            if rng.random() < 0.6:
                draw.line((x0, y0, x1, y1), fill=colour, width=int(rng.integers(1, 5)))
            else:
                r = int(rng.integers(4, 30))
                draw.ellipse((x0 - r, y0 - r, x0 + r, y0 + r), outline=colour, width=int(rng.integers(1, 4)))
        return np.asarray(canvas, dtype=np.float32).copy()

    def scene(self, index):
        rng = np.random.default_rng([self.seed, index])
        img = self.background(rng)
        boxes = []
        want = int(rng.integers(1, 9))
        tries = 0
        while len(boxes) < want and tries < 60:
            tries += 1
            k = int(rng.integers(0, len(self.items)))
            side = float(rng.uniform(MIN_ITEM, MAX_ITEM))
            aspect = float(np.exp(rng.uniform(-0.2, 0.2)))
            w = max(8, int(round(side * aspect)))
            h = max(8, int(round(side / aspect)))
            item = np.asarray(Image.fromarray(self.items[k]).resize((w, h), Image.BILINEAR), dtype=np.float32)
            ys, xs = np.nonzero(item >= VISIBLE)
            if len(xs) == 0:
                continue
            x = int(rng.integers(0, SIZE - w + 1))
            y = int(rng.integers(0, SIZE - h + 1))
            box = (x + xs.min(), y + ys.min(), x + xs.max() + 1, y + ys.max() + 1)
            if any(iou(box, b[1:]) > MAX_OVERLAP_IOU for b in boxes):
                continue
            item = item * (255.0 / item.max())          # small sandals blur to grey: stretch each to full range
            tint = rng.uniform(0.6, 1.0, 3)
            alpha = np.clip(item / 255.0 * 2.0, 0, 1)[..., None]
            colour = item[..., None] * tint[None, None, :]
            region = img[y:y + h, x:x + w]
            img[y:y + h, x:x + w] = region * (1 - alpha) + np.maximum(colour, region * 0.3 + 60) * alpha
            boxes.append([int(self.labels[k]), *box])
        # Noise: luminance grain (the same in R, G and B) and sparse speckles. Kept mild so that a PNG of the
        # validation split stays near 60 KB; stronger colour noise made 190 KB files and no harder a task.
        sigma = float(rng.uniform(1, 4))
        img += rng.normal(0, sigma, (SIZE, SIZE, 1)).astype(np.float32)
        speckle = rng.random((SIZE, SIZE)) < 0.004
        img[speckle] = rng.uniform(0, 255, (int(speckle.sum()), 1))
        return np.clip(img + 0.5, 0, 255).astype(np.uint8), np.array(boxes, dtype=np.float32).reshape(-1, 5)


def yolo_lines(boxes):
    out = []
    for c, x1, y1, x2, y2 in boxes:
        cx, cy = (x1 + x2) / 2 / SIZE, (y1 + y2) / 2 / SIZE
        w, h = (x2 - x1) / SIZE, (y2 - y1) / SIZE
        out.append(f"{int(c)} {cx:.6f} {cy:.6f} {w:.6f} {h:.6f}")
    return out


def write_folder(out, split, count, seed):
    items, labels = load_items(split)
    gen = SceneGenerator(items, labels, seed)
    os.makedirs(os.path.join(out, "images", split), exist_ok=True)
    os.makedirs(os.path.join(out, "labels", split), exist_ok=True)
    for i in range(count):
        img, boxes = gen.scene(i)
        stem = f"{split}_{i:05d}"
        # JPEG at quality 92 without chroma subsampling: 30 KB instead of PNG's 107 KB, and ImageIO decodes it to
        # the same pixels as PIL/libjpeg (checked on a scene: identical pixel sums), so Java and PyTorch agree.
        Image.fromarray(img).save(os.path.join(out, "images", split, stem + ".jpg"), quality=92, subsampling=0)
        with open(os.path.join(out, "labels", split, stem + ".txt"), "w") as f:
            f.write("\n".join(yolo_lines(boxes)) + "\n")
    with open(os.path.join(out, "data.yaml"), "w") as f:
        f.write("# Fashion-MNIST detection, made by src/tools/make_detection_dataset.py "
                f"(seed {seed}, {count} {split} images)\n")
        f.write("path: .\n")
        f.write(f"{split}: images/{split}\n")
        f.write(f"nc: {len(CLASSES)}\n")
        f.write("names: [" + ", ".join("'" + n + "'" for n in CLASSES) + "]\n")


SEEDS = {"train": 1001, "val": 2002}

if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=["train", "val"], default="val")
    ap.add_argument("--count", type=int, default=256)
    ap.add_argument("--out", default="assets/data/fashion-detect")
    ap.add_argument("--seed", type=int, default=None, help="default: 1001 for train, 2002 for val")
    a = ap.parse_args()
    write_folder(a.out, a.split, a.count, a.seed if a.seed is not None else SEEDS[a.split])
