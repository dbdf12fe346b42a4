#!/usr/bin/python3
"""Concatenate tile sets written by `progressvision healing-tiles` into one (case ids are seeds, so they stay unique).

usage: merge_tiles.py OUT SET1 SET2 ...
"""
import json
import os
import shutil
import sys

out, sets = sys.argv[1], sys.argv[2:]
os.makedirs(out, exist_ok=True)
metas = [json.load(open(os.path.join(s, "meta.json"))) for s in sets]
for key in ("channels", "size", "context", "classes"):
    if any(m.get(key) != metas[0].get(key) for m in metas):
        sys.exit(f"the sets differ in {key}: " + ", ".join(f"{s}: {m.get(key)}" for s, m in zip(sets, metas)))
for name in ("tiles.f32", "labels.u8", "cases.i32"):
    with open(os.path.join(out, name), "wb") as dst:
        for s in sets:
            with open(os.path.join(s, name), "rb") as src:
                shutil.copyfileobj(src, dst)
meta = dict(metas[0])
meta["count"] = sum(m["count"] for m in metas)
meta["cases"] = sum(m["cases"] for m in metas)
meta["classCounts"] = [sum(c) for c in zip(*(m["classCounts"] for m in metas))]
meta["sets"] = [{"firstSeed": m["firstSeed"], "cases": m["cases"]} for m in metas]
json.dump(meta, open(os.path.join(out, "meta.json"), "w"), indent=2)
print(meta)
