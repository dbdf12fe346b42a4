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
context = int(m.get("context", ts.get("context", 0)))
size = ts["size"]
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
`tiles` float32 [N, 6, {size}, {size}]: a 64×64 tile with {context} pixels of context on every side (zeros off the
photo), channels BEFORE L*, a*, b*, AFTER-warped-onto-BEFORE L*, a*, b* at half resolution, each minus the photo's
own skin reference (median of the brighter half of valid pixels), L*/20, a*/8, b*/8. The label is the 64×64 tile's
own; the convolutions are {"unpadded, so the classifier's 8×8 feature map covers the tile and reads only real pixels" if context else "zero-padded"}.
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
- Earlier models (7e19b042 and before) read 64×64 tiles with zero padding. This one reads each tile with its context,
  so `healing-dense.onnx` (the same weights run once over the whole photo) gives exactly its tile-by-tile numbers
  and ProgressVision uses it: 12 MP healing inference 226 ms for a 12 MP pair on 2 cores, against 490 ms tile by tile with 7e19b042 (`bench --section healing-12mp`). Its tiles are labelled by the corrected redness truth
  (2026-11-22: a patch's a* rise measured over each population's own brighter half).
- Colour the camera clipped (a channel at 254 or more, as on over-exposed light skin) is not measured: a* computed
  from a clipped red is not the skin's. Such pixels are left out of the redness measure, and `compare` warns when more
  than a quarter of a photo is clipped. The model itself still sees them.
- The figures above are per tile on the test split. What the flags achieve per region on held-out synthetic pairs,
  with the measured confirmations, is in `docs/HEALING_ACCURACY.md`. On the fresh 192-pair sets 99000–99191,
  81000–81191 and 82000–82191 the model alone meets issue 5's targets (redness 0.952 / 0.925 / 0.955, fade
  0.916 / 0.956 / 0.923, blowout 0.892 / 0.868 / 0.917; 98.2% / 99.2% / 98.2% of clean pairs unflagged). Through the
  whole pipeline the figures vary from set to set: on 82000 (final code) redness 0.944, fade 0.932, blowout 0.906, clean
  pairs 97.5%, and the third-session recommendation agrees with the truth on 97.6% of clear cases; on 81000 fade 0.836,
  blowout 0.710 and 94.0%; on 99000 (before the clipped-colour change) 90.0%.
- Real photos (`../shared/real-samples`, each red scalp compared with itself): redness is flagged on all 4 red scalps
  (reddest windows +15 to +33 a*) and nothing on the warm-white-balance control; blowout is flagged on the pores of 3
  of them (5–9 matched dots, none grown: too few for the measurement to overrule a sure model), against 1 with
  7e19b042. Treat scores on real photos as uncalibrated.

## Reproduce
See `models/healing/README.md` for the exact commands: {reproduce}, then
`/usr/bin/python3 models/healing/train.py --tiles DIR --out OUT --epochs {m['epochs']}` (seed {m['seed']}).
Training is seeded, deterministic and draws its batches by tile index; `healing-tiles` writes cases in seed order
(byte-identical runs), so the recipe reproduces the tile set and the model byte for byte (trained twice from the same tile set: the same SHA-256 both times).
""")
