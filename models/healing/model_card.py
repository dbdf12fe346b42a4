#!/usr/bin/python3
"""Print MODEL_CARD.md for the healing model from the metrics.json that train.py wrote."""
import json
import sys

m = json.load(open(sys.argv[1]))
t = m["test"]
rows = "\n".join(
    f"| {name} | {v['support']} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} | {v['rocAuc']:.3f} |"
    for name, v in t["perClass"].items())
ts = m["tileSet"]
sets = ts.get("sets")
if sets:
    set_list = ", ".join(f"{x['cases']} cases from seed {x['firstSeed']}" for x in sets)
    seeds_text = set_list
    reproduce = f"{len(sets)} `healing-tiles` runs ({set_list}) merged by `merge_tiles.py`"
else:
    seeds_text = f"seeds {ts['firstSeed']}..{ts['firstSeed'] + ts['cases'] - 1}"
    reproduce = f"`healing-tiles --cases {ts['cases']} --seed {ts['firstSeed']}`"
print(f"""# Model card — `healing.onnx`

**SHA-256:** `{m['sha256']}` ({m['bytes']} bytes). ProgressVision refuses to run a file whose hash differs
from `healing.onnx.sha256`.

## Intended use
Decision support for SMP practitioners: it points at regions of an aligned BEFORE/AFTER pair that look like
persistent redness, patchy fade or blowout, so a practitioner can look closer. It is **not a diagnosis** and
not a medical device; redness can have many causes, and every flag comes with measured evidence (Δa*,
fraction of faded dots, dot radius growth) that the practitioner should check.

## Inputs and normalisation
`tiles` float32 [N, 6, 64, 64]: BEFORE L*, a*, b*, AFTER-warped-onto-BEFORE L*, a*, b* at half resolution,
each minus the photo's own skin reference (median of the brighter half of valid pixels), L*/20, a*/8, b*/8.
Output `probabilities` [N, 4]: {", ".join(m['classes'])}; softmax with temperature {m['temperature']:.3f}
(fitted on the validation split).

## Training data
{ts['count']} tiles from {ts['cases']} synthetic cases ({seeds_text})
rendered by `ProgressVision.Synth` (presets: healing, mixed, hard; skin tones from very light to very dark;
pose, lighting, white balance, blur, noise). Class counts: {dict(zip(ts['classes'], ts['classCounts']))}.
Split by case (never by tile), seeded: {m['split']['trainTiles']} train / {m['split']['valTiles']} validation /
{m['split']['testTiles']} test tiles. {m['epochs']} epochs, seed {m['seed']}, PyTorch {m['torch']}.

## Metrics (test split, tile level)
| class | support | precision | recall | F1 | ROC AUC |
|---|---|---|---|---|---|
{rows}

Accuracy {t['accuracy']:.3f}. Calibration: expected calibration error {t['ece']:.3f} on test
(validation ECE before temperature scaling {m['validationEceBeforeCalibration']:.3f}).

## Known limits
- Trained only on synthetic renders. Real photos differ (lenses, compression, real erythema patterns,
  tattoo ink chemistry); treat scores on real photos as uncalibrated.
- Needs a good alignment: tiles are cut from AFTER warped onto BEFORE.
- Blowout is learnt from rendered halos; real blowout is more varied.
- Redness is judged relative to the same photo's skin; a uniformly red scalp has no reference and is not flagged.
- On very dark skin with a lighting gradient or a white-balance change the model proposes redness over large
  areas with no measurable a* rise; ProgressVision keeps a redness flag only when its reddest half-tile window is at least
  2.5 a* units above the photo's ordinary skin (`HealingAnalyzer.MinRednessDeltaA`). Redness labels are visible redness
  only: Synth labels a redness region when its rendered a* rise over the photo's healthy skin is at least 2
  (`TruthDefinitions.MinVisibleRednessDeltaA`); fainter rendered tint is healthy in training and in the tests.
- This model's tiles were labelled by the earlier redness truth, which measured a patch's rise only over pixels
  brighter than the whole scalp's median L*. Erythema darkens skin, so a strong patch on the darker side of the light
  could read a rise of 0 and be labelled healthy. Fixed in Synth on 2026-11-22 (each population's own brighter half);
  the same recipe then labels 2467 redness tiles instead of 2377. A model retrained on the corrected tiles
  (e70e7d48) matched this one on synthetic calibration but flagged a warm-white-balance control photo and missed
  real red scalps, so it was not adopted (`docs/HEALING_ACCURACY.md`).
- The figures above are per tile on the test split. What the flags achieve per region on held-out synthetic pairs,
  with the measured confirmations, is in `docs/HEALING_ACCURACY.md`. On the fresh 192-pair set 97000–97191 (tiles
  reaching the photo's far edges) the model alone meets issue 5's targets (redness 0.945, fade 0.979, blowout 0.800,
  no clean pair flagged); through the whole pipeline redness reads 0.897 (0.938 on the set before, 96000), fade 0.928,
  blowout 0.880; the third-session recommendation agrees with the truth on 89.5% of clear cases (91.6% on 96000),
  short of the 95% target.

## Reproduce
See `models/healing/README.md` for the exact commands: {reproduce}, then
`/usr/bin/python3 models/healing/train.py --tiles DIR --out OUT --epochs {m['epochs']}` (seed {m['seed']}).
Training is seeded and draws its batches by tile index, so the tile files must come out in the same order too. Since
2026-11-21 `healing-tiles` writes cases in seed order (byte-identical runs); the tile set of the committed model was
written in the order the parallel renders finished, so re-running the recipe gives the same tiles in another order and
a model of the same recipe but not the same bytes (SHA-256) or exactly the same figures.
""")
