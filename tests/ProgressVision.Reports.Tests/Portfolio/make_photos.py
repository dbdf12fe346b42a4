# Writes synthetic scalp-like photos for the portfolio tests with Debian's PIL/numpy (independent of
# our codecs): a skin-tone background with dark pigment dots; each later session is the same scene
# shifted by (dx, dy) pixels with extra dots. JPEGs carry EXIF with a capture date and a GPS block,
# which the portfolio must not pass on. Prints JSON: per photo, file, shift and dot centres.
import json, sys
import numpy as np
from PIL import Image, ImageDraw

out = sys.argv[1]
W, H = 320, 240
rng = np.random.RandomState(42)
result = []
for view in ["front", "crown"]:
    base = [(float(x), float(y)) for x, y in zip(rng.uniform(10, 2 * W - 10, 900), rng.uniform(10, 2 * H - 10, 900))]
    for session in (1, 2, 3):
        dx, dy = 4.0 * (session - 1), 3.0 * (session - 1)
        n = 250 + 120 * session
        dots = base[:n]
        img = Image.new("RGB", (W, H), (196, 160, 140))
        d = ImageDraw.Draw(img)
        # A soft gradient so the alignment check sees structure everywhere.
        px = np.array(img).astype(np.float32)
        px += (np.linspace(-20, 20, W)[None, :, None]) + (np.linspace(-15, 15, H)[:, None, None])
        img = Image.fromarray(np.clip(px, 0, 255).astype(np.uint8))
        d = ImageDraw.Draw(img)
        centres = []
        for (x, y) in dots:
            x2, y2 = x / 2 - dx, y / 2 - dy  # scene point in this photo's pixels
            if 2 <= x2 < W - 2 and 2 <= y2 < H - 2:
                d.ellipse([x2 - 1.5, y2 - 1.5, x2 + 1.5, y2 + 1.5], fill=(40, 38, 45))
                centres.append([x2, y2])
        exif = Image.Exif()
        exif[0x0132] = "2024:0%d:15 10:30:00" % session           # DateTime
        exif[0x010F] = "TestCam"                                   # Make
        gps = {1: "N", 2: (52.0, 31.0, 12.0), 3: "E", 4: (13.0, 24.0, 36.0)}
        exif[0x8825] = gps                                         # GPS IFD
        name = "%s%d.jpg" % (view, session)
        img.save(out + "/" + name, quality=92, exif=exif)
        result.append({"view": view, "session": session, "file": name, "dx": dx, "dy": dy, "dots": centres})
print(json.dumps(result))
