#!/usr/bin/python3
"""Train the ProgressVision healing-tile classifier and export it to ONNX.

Input: a tile set written by `progressvision healing-tiles` (see README.md here):
    DIR/meta.json     {"channels": C, "size": S, "classes": [...], "count": N, ...}
    DIR/tiles.f32     N*C*S*S float32, little-endian, NCHW
    DIR/labels.u8     N uint8 class indices
    DIR/cases.i32     N int32 synthetic case ids (the split is by case, never by tile)

Output (in --out): healing.onnx (softmax probabilities, temperature-calibrated), metrics.json.
Everything is seeded; on the same tile set and the same torch build the result is reproducible.
Requires Debian's python3-torch (1.13) and python3-onnx: apt-get install python3-torch python3-onnx.
"""
import argparse
import hashlib
import json
import math
import os
import random
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class HealingTileNet(nn.Module):
    """Four strided 3x3 conv blocks, global average pooling, one linear layer.

    Small on purpose: a 12 MP pair yields ~2900 tiles at half resolution and must be classified in
    well under 300 ms on two cores. Stride-2 convolutions instead of pooling keep the multiply count
    at ~5 M per 64x64 tile.

    With context (tile sets written with --context 12, input 88x88) the convolutions are unpadded: the
    8x8 feature map then covers the 64x64 tile and every feature reads only real pixels, so the same
    convolutions run once over a whole plane give each tile's features exactly (dense_graph.py). Without
    context (input 64x64, the models before 2026-11-22) each convolution pads with zeros.
    """

    def __init__(self, channels: int, classes: int, context: int = 0):
        super().__init__()
        widths = [24, 32, 48, 64]
        layers = []
        c = channels
        pad = 0 if context else 1
        for i, w in enumerate(widths):
            stride = 2 if i < 3 else 1
            layers += [nn.Conv2d(c, w, 3, stride=stride, padding=pad, bias=False),
                       nn.BatchNorm2d(w), nn.ReLU(inplace=True)]
            c = w
        self.features = nn.Sequential(*layers)
        self.head = nn.Linear(c, classes)
        # Temperature for calibration; fitted on the validation split after training.
        self.register_buffer("temperature", torch.ones(1))

    def logits(self, x):
        x = self.features(x)
        x = x.mean(dim=(2, 3))
        return self.head(x)

    def forward(self, x):
        return F.softmax(self.logits(x) / self.temperature, dim=1)


def load(dir_):
    with open(os.path.join(dir_, "meta.json")) as f:
        meta = json.load(f)
    n, c, s = meta["count"], meta["channels"], meta["size"]
    x = np.fromfile(os.path.join(dir_, "tiles.f32"), dtype="<f4")
    if x.size != n * c * s * s:
        sys.exit(f"{dir_}/tiles.f32 holds {x.size} floats, expected {n}*{c}*{s}*{s}")
    x = x.reshape(n, c, s, s)
    y = np.fromfile(os.path.join(dir_, "labels.u8"), dtype=np.uint8).astype(np.int64)
    g = np.fromfile(os.path.join(dir_, "cases.i32"), dtype="<i4")
    if y.size != n or g.size != n:
        sys.exit(f"{dir_}: labels/cases length differs from count {n}")
    return meta, x, y, g


def split_by_case(cases, seed):
    """70/15/15 split of case ids (never of tiles), seeded."""
    ids = sorted(set(int(v) for v in cases))
    rng = random.Random(seed)
    rng.shuffle(ids)
    n = len(ids)
    n_val = max(1, round(0.15 * n))
    n_test = max(1, round(0.15 * n))
    test = set(ids[:n_test])
    val = set(ids[n_test:n_test + n_val])
    part = np.array([2 if int(v) in test else 1 if int(v) in val else 0 for v in cases])
    return part, sorted(test), sorted(val)


def roc_auc(scores, positive):
    """One-vs-rest ROC AUC by the Mann-Whitney rank statistic (ties get average ranks)."""
    pos = positive.sum()
    neg = positive.size - pos
    if pos == 0 or neg == 0:
        return float("nan")
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(scores.size, dtype=np.float64)
    sorted_scores = scores[order]
    i = 0
    while i < scores.size:
        j = i
        while j + 1 < scores.size and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2.0 + 1.0
        i = j + 1
    return float((ranks[positive].sum() - pos * (pos + 1) / 2.0) / (pos * neg))


def expected_calibration_error(probs, labels, bins=10):
    conf = probs.max(axis=1)
    pred = probs.argmax(axis=1)
    ece = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        m = (conf > lo) & (conf <= hi)
        if m.any():
            ece += m.mean() * abs((pred[m] == labels[m]).mean() - conf[m].mean())
    return float(ece)


def per_class_metrics(probs, labels, classes):
    pred = probs.argmax(axis=1)
    out = {}
    for k, name in enumerate(classes):
        tp = int(((pred == k) & (labels == k)).sum())
        fp = int(((pred == k) & (labels != k)).sum())
        fn = int(((pred != k) & (labels == k)).sum())
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        out[name] = {"precision": p, "recall": r, "f1": f1, "support": int((labels == k).sum()),
                     "rocAuc": roc_auc(probs[:, k], labels == k)}
    return out


def predict(model, x, batch=512):
    model.eval()
    outs = []
    with torch.no_grad():
        for i in range(0, len(x), batch):
            outs.append(model(torch.from_numpy(x[i:i + batch])).numpy())
    return np.concatenate(outs) if outs else np.zeros((0, 4), np.float32)


def augment(xb):
    """Dihedral augmentations: the scalp has no preferred orientation at tile scale."""
    if random.random() < 0.5:
        xb = xb.flip(3)
    if random.random() < 0.5:
        xb = xb.flip(2)
    k = random.randint(0, 3)
    return torch.rot90(xb, k, dims=(2, 3)) if k else xb


def fit_temperature(model, x, y):
    """Temperature scaling (Guo et al. 2017): one scalar minimising validation NLL."""
    model.eval()
    with torch.no_grad():
        logits = torch.cat([model.logits(torch.from_numpy(x[i:i + 512])) for i in range(0, len(x), 512)])
    labels = torch.from_numpy(y)
    best_t, best_nll = 1.0, float("inf")
    for t in np.exp(np.linspace(math.log(0.25), math.log(4.0), 81)):
        nll = F.cross_entropy(logits / float(t), labels).item()
        if nll < best_nll:
            best_t, best_nll = float(t), nll
    model.temperature.fill_(best_t)
    return best_t


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tiles", required=True, help="directory written by `progressvision healing-tiles`")
    ap.add_argument("--out", required=True)
    ap.add_argument("--epochs", type=int, default=14)
    ap.add_argument("--seed", type=int, default=20261121)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()

    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    torch.use_deterministic_algorithms(True)

    meta, x, y, g = load(args.tiles)
    classes = meta["classes"]
    part, test_cases, val_cases = split_by_case(g, args.seed)
    xtr, ytr = x[part == 0], y[part == 0]
    xva, yva = x[part == 1], y[part == 1]
    xte, yte = x[part == 2], y[part == 2]
    print(f"tiles: train {len(ytr)}, val {len(yva)}, test {len(yte)}; classes {classes}")
    print("train class counts:", np.bincount(ytr, minlength=len(classes)).tolist())

    context = int(meta.get("context", 0))
    model = HealingTileNet(meta["channels"], len(classes), context)
    with torch.no_grad():
        fmap = model.features(torch.zeros(1, meta["channels"], meta["size"], meta["size"])).shape[-2:]
    if tuple(fmap) != (8, 8):
        sys.exit(f"tiles of {meta['size']} px with context {context} give a {tuple(fmap)} feature map; the tile grid needs 8x8")
    counts = np.bincount(ytr, minlength=len(classes)).astype(np.float64)
    # Class weights (inverse frequency)^0.75: healthy tiles dominate and blowout is rare. Full inverse
    # frequency over-flags; inverse-sqrt left blowout recall near 0.1 on the first run.
    weights = torch.tensor((counts.sum() / np.maximum(counts, 1)) ** 0.75, dtype=torch.float32)
    weights = weights / weights.mean()
    opt = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=1e-4)
    steps = args.epochs * math.ceil(len(ytr) / 128)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=3e-3, total_steps=steps)
    xtr_t, ytr_t = torch.from_numpy(xtr), torch.from_numpy(ytr)
    for epoch in range(args.epochs):
        model.train()
        perm = torch.randperm(len(ytr_t))
        total = 0.0
        for i in range(0, len(perm), 128):
            idx = perm[i:i + 128]
            xb = augment(xtr_t[idx])
            loss = F.cross_entropy(model.logits(xb), ytr_t[idx], weight=weights)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item() * len(idx)
        val_acc = (predict(model, xva).argmax(1) == yva).mean() if len(yva) else float("nan")
        print(f"epoch {epoch + 1}/{args.epochs}: loss {total / len(ytr):.4f} val acc {val_acc:.4f}", flush=True)

    ece_before = expected_calibration_error(predict(model, xva), yva)
    t = fit_temperature(model, xva, yva)
    pte = predict(model, xte)
    metrics = {
        "classes": classes,
        "tileSet": meta,
        "split": {"trainTiles": int(len(ytr)), "valTiles": int(len(yva)), "testTiles": int(len(yte)),
                  "valCases": val_cases, "testCases": test_cases},
        "seed": args.seed,
        "epochs": args.epochs,
        "temperature": t,
        "context": context,
        "validationEceBeforeCalibration": ece_before,
        "test": {"perClass": per_class_metrics(pte, yte, classes),
                 "accuracy": float((pte.argmax(1) == yte).mean()),
                 "ece": expected_calibration_error(pte, yte)},
        "torch": torch.__version__,
    }

    os.makedirs(args.out, exist_ok=True)
    onnx_path = os.path.join(args.out, "healing.onnx")
    model.eval()
    dummy = torch.zeros(1, meta["channels"], meta["size"], meta["size"])
    torch.onnx.export(model, dummy, onnx_path, input_names=["tiles"], output_names=["probabilities"],
                      dynamic_axes={"tiles": {0: "batch"}, "probabilities": {0: "batch"}},
                      opset_version=13, do_constant_folding=True)
    import onnx  # imported late: only export needs it
    onnx.checker.check_model(onnx.load(onnx_path))
    with open(onnx_path, "rb") as f:
        metrics["sha256"] = hashlib.sha256(f.read()).hexdigest()
    metrics["bytes"] = os.path.getsize(onnx_path)
    with open(os.path.join(args.out, "metrics.json"), "w") as f:
        json.dump(metrics, f, indent=2)
    print(json.dumps(metrics["test"], indent=2))
    print("sha256", metrics["sha256"])


if __name__ == "__main__":
    main()
