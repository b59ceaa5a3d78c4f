"""Train PruneScope's sample classifier: a small residual CNN with BatchNorm on Fashion-MNIST.

Produces
  assets/models/fashion-resnet.onnx      opset 13, input `input` float32 [batch,1,28,28],
                                         output `logits` [batch,10]; BatchNormalization nodes kept
  assets/models/fashion-resnet.json      preprocessing, class names, accuracies, params, seed
  assets/data/fashion-mnist-test-1000-images-idx3-ubyte.gz   first 1000 official test images (IDX, gzip)
  assets/data/fashion-mnist-test-1000-labels-idx1-ubyte.gz   their labels (IDX, gzip)
  src/test/resources/fixtures/fashion-resnet-reference.json  torch logits + predictions of the
                                         first 8 subset images (independent reference for Java tests)

Data: the Debian package dataset-fashion-mnist (/usr/share/datasets/fashion-mnist/*.gz), read
directly as IDX files. Preprocessing (exactly): x = uint8_pixel / 255 (float32), then
x = (x - 0.2860) / 0.3530, layout NCHW.

Run from the repository root (CPU, 2 threads, a few minutes):
    /usr/bin/python3 src/tools/train_fashion_mnist.py [--epochs 10] [--seed 20240601]
"""
import argparse
import gzip
import io
import json
import os
import struct
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import onnx  # noqa: E402
import onnx_util  # noqa: E402

DATA_DIR = "/usr/share/datasets/fashion-mnist"
MEAN, STD = 0.2860, 0.3530
CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
           "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
SUBSET = 1000


def read_idx(path):
    """Return (raw bytes of the decompressed file, numpy array) for an IDX .gz file."""
    with gzip.open(path, "rb") as f:
        raw = f.read()
    zero, dtype, ndim = struct.unpack(">HBB", raw[:4])
    assert zero == 0 and dtype == 0x08, "only unsigned-byte IDX files are expected"
    dims = struct.unpack(">" + "I" * ndim, raw[4:4 + 4 * ndim])
    arr = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)
    return raw, arr


def write_idx_gz(path, arr):
    """Write a uint8 array as an IDX file, gzip-compressed deterministically (mtime 0, no name)."""
    header = struct.pack(">HBB", 0, 0x08, arr.ndim) + struct.pack(">" + "I" * arr.ndim, *arr.shape)
    with open(path, "wb") as out:
        with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0, compresslevel=9) as gz:
            gz.write(header + np.ascontiguousarray(arr, dtype=np.uint8).tobytes())


def preprocess(images_u8):
    x = torch.from_numpy(images_u8.astype(np.float32) / np.float32(255.0)).unsqueeze(1)
    return (x - MEAN) / STD


class BasicBlock(nn.Module):
    """3x3 conv-BN-ReLU, 3x3 conv-BN, residual add (1x1 conv-BN projection when shape changes), ReLU."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.shortcut = None
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        s = x if self.shortcut is None else self.shortcut(x)
        return F.relu(y + s)


class FashionResNet(nn.Module):
    """stem 1->16 (28x28) | stage1 16 (28x28) | stage2 32, stride 2 (14x14) | stage3 64, stride 2 (7x7)
    | global average pool | Flatten | Linear 64->10."""

    def __init__(self, num_classes=10):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(1, 16, 3, 1, 1, bias=False), nn.BatchNorm2d(16), nn.ReLU())
        self.stage1 = BasicBlock(16, 16, 1)
        self.stage2 = BasicBlock(16, 32, 2)
        self.stage3 = BasicBlock(32, 64, 2)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.flatten = nn.Flatten()
        self.fc = nn.Linear(64, num_classes)

    def forward(self, x):
        x = self.stage3(self.stage2(self.stage1(self.stem(x))))
        return self.fc(self.flatten(self.pool(x)))


def augment(x, gen):
    """Random horizontal flip and random shift by up to 2 pixels (zero-padding in normalised space)."""
    n = x.shape[0]
    flip = torch.rand(n, generator=gen) < 0.5
    x = torch.where(flip.view(-1, 1, 1, 1), x.flip(3), x)
    pad = F.pad(x, (2, 2, 2, 2), value=(0.0 - MEAN) / STD)
    dx, dy = torch.randint(0, 5, (2,), generator=gen).tolist()  # one shift per batch: cheap
    return pad[:, :, dy:dy + 28, dx:dx + 28].contiguous()


@torch.no_grad()
def evaluate(model, x, y, bs=1000):
    model.eval()
    correct = 0
    for i in range(0, len(x), bs):
        correct += (model(x[i:i + bs]).argmax(1) == y[i:i + bs]).sum().item()
    return correct / len(x)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--root", default=os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
    args = ap.parse_args()

    torch.set_num_threads(2)
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    gen = torch.Generator().manual_seed(args.seed)

    _, tr_img = read_idx(f"{DATA_DIR}/train-images-idx3-ubyte.gz")
    _, tr_lab = read_idx(f"{DATA_DIR}/train-labels-idx1-ubyte.gz")
    _, te_img = read_idx(f"{DATA_DIR}/t10k-images-idx3-ubyte.gz")
    _, te_lab = read_idx(f"{DATA_DIR}/t10k-labels-idx1-ubyte.gz")
    xtr, ytr = preprocess(tr_img), torch.from_numpy(tr_lab.astype(np.int64))
    xte, yte = preprocess(te_img), torch.from_numpy(te_lab.astype(np.int64))

    model = FashionResNet()
    n_params = sum(p.numel() for p in model.parameters())
    print(f"params: {n_params}")

    bs = 128
    steps_per_epoch = (len(xtr) + bs - 1) // bs
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, nesterov=True, weight_decay=5e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.2, epochs=args.epochs,
                                                steps_per_epoch=steps_per_epoch, pct_start=0.25)
    t0 = time.time()
    for ep in range(args.epochs):
        model.train()
        perm = torch.randperm(len(xtr), generator=gen)
        total_loss = 0.0
        for s in range(steps_per_epoch):
            idx = perm[s * bs:(s + 1) * bs]
            xb = augment(xtr[idx], gen)
            loss = F.cross_entropy(model(xb), ytr[idx], label_smoothing=0.05)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            total_loss += loss.item()
        acc = evaluate(model, xte, yte)
        print(f"epoch {ep + 1}/{args.epochs} loss {total_loss / steps_per_epoch:.4f} "
              f"test acc {acc:.4f} ({time.time() - t0:.0f}s)", flush=True)

    model.eval()
    acc_full = evaluate(model, xte, yte)
    acc_sub = evaluate(model, xte[:SUBSET], yte[:SUBSET])

    # --- outputs -------------------------------------------------------------------------------
    models_dir = os.path.join(args.root, "assets", "models")
    data_dir = os.path.join(args.root, "assets", "data")
    fix_dir = os.path.join(args.root, "src", "test", "resources", "fixtures")
    for d in (models_dir, data_dir, fix_dir):
        os.makedirs(d, exist_ok=True)

    m = onnx_util.export_onnx(model, torch.zeros(1, 1, 28, 28), keep_bn=True, input_names=["input"],
                              output_names=["logits"],
                              dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}})
    m.doc_string = ("PruneScope sample: residual CNN trained on Fashion-MNIST by src/tools/train_fashion_mnist.py. "
                    "Input: pixels/255 then (x-0.2860)/0.3530, NCHW [batch,1,28,28].")
    for k, v in {"dataset": "Fashion-MNIST", "mean": "0.2860", "std": "0.3530", "scale": "1/255",
                 "layout": "NCHW", "classes": json.dumps(CLASSES)}.items():
        p = m.metadata_props.add()
        p.key, p.value = k, v
    onnx.checker.check_model(m)
    onnx.save(m, os.path.join(models_dir, "fashion-resnet.onnx"))
    n_bn = sum(1 for n in m.graph.node if n.op_type == "BatchNormalization")
    print(f"exported ONNX with {len(m.graph.node)} nodes, {n_bn} BatchNormalization")

    # Independent check: numpy interpreter of the exported graph on the 1000-image subset.
    with torch.no_grad():
        torch_logits = model(xte[:SUBSET]).numpy()
    np_logits = np.concatenate([onnx_util.run_onnx_numpy(m, {"input": xte[i:i + 100].numpy()})[0]
                                for i in range(0, SUBSET, 100)])
    max_diff = float(np.abs(np_logits - torch_logits).max())
    np_acc = float((np_logits.argmax(1) == te_lab[:SUBSET]).mean())
    print(f"ONNX (numpy interpreter) vs torch: max |diff| {max_diff:.2e}, subset acc {np_acc:.4f}")
    assert max_diff < 1e-3 and abs(np_acc - acc_sub) < 0.0015

    write_idx_gz(os.path.join(data_dir, "fashion-mnist-test-1000-images-idx3-ubyte.gz"), te_img[:SUBSET])
    write_idx_gz(os.path.join(data_dir, "fashion-mnist-test-1000-labels-idx1-ubyte.gz"), te_lab[:SUBSET])

    meta = {
        "dataset": "Fashion-MNIST (Debian package dataset-fashion-mnist); subset = first 1000 official test images",
        "input": "input",
        "output": "logits",
        "input_shape": ["batch", 1, 28, 28],
        "preprocessing": {"scale": 1 / 255, "mean": [MEAN], "std": [STD], "layout": "NCHW",
                          "formula": "x = (pixel_uint8 / 255 - mean) / std, float32"},
        "classes": CLASSES,
        "test_accuracy_full_10000": round(acc_full, 4),
        "test_accuracy_subset_1000": round(acc_sub, 4),
        "params": n_params,
        "trained_epochs": args.epochs,
        "seed": args.seed,
        "opset": 13,
        "batchnorm": "kept (BatchNormalization nodes present)",
        "generator": "src/tools/train_fashion_mnist.py",
    }
    with open(os.path.join(models_dir, "fashion-resnet.json"), "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")

    ref = {
        "model": "assets/models/fashion-resnet.onnx",
        "images": "assets/data/fashion-mnist-test-1000-images-idx3-ubyte.gz (first 8)",
        "preprocessing": meta["preprocessing"],
        "labels": [int(v) for v in te_lab[:8]],
        "logits": [[float(f"{v:.6g}") for v in row] for row in torch_logits[:8].tolist()],
        "predicted": [int(v) for v in torch_logits[:8].argmax(1)],
        "tolerance_hint": 1e-4,
        "source": "torch 1.13 eval mode, src/tools/train_fashion_mnist.py",
    }
    with open(os.path.join(fix_dir, "fashion-resnet-reference.json"), "w") as f:
        json.dump(ref, f, indent=2)
        f.write("\n")
    print(json.dumps({k: meta[k] for k in ("test_accuracy_full_10000", "test_accuracy_subset_1000",
                                           "params", "trained_epochs")}))


if __name__ == "__main__":
    main()
