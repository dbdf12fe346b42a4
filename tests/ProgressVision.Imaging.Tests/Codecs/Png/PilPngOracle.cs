using System.Diagnostics;

namespace ProgressVision.Imaging.Tests.Codecs.Png;

/// <summary>
/// Decodes PNG files with Debian's PIL (<c>/usr/bin/python3</c>, never the python3 first on PATH) in ONE python
/// process and returns each file as 8-bit RGBA, or the error PIL raised.
/// </summary>
/// <remarks>
/// PIL 9.x is used as it is, except where it is known to diverge from the PNG specification and libpng; those
/// cases are computed from PIL's (or libpng's) own decoded samples and named in <see cref="Result.Method"/>:
/// <list type="bullet">
/// <item>1/2/4-bit grey with tRNS: PIL keeps the key at file depth but compares it to scaled 0..255 samples, so
/// alpha is derived from PIL's samples rescaled to file depth and compared to PIL's reported key.</item>
/// <item>16-bit grey (PIL mode "I"): converting to RGBA clips rather than keeping the high byte, so PIL's
/// 16-bit samples are reduced by &gt;&gt; 8 and the key compared at 16 bits.</item>
/// <item>16-bit RGB with tRNS: PIL compares the 16-bit key to 8-bit samples; the key is compared to libpng's
/// (OpenCV's) 16-bit samples instead.</item>
/// <item>Palette indices beyond the PLTE entries: PIL fills a grey ramp, libpng uses black; libpng (via OpenCV)
/// is used for those files.</item>
/// <item>Paths prefixed <c>libpng:</c> are decoded by libpng via OpenCV only (files PIL refuses but libpng reads).</item>
/// </list>
/// </remarks>
internal static class PilPngOracle
{
    private const string Python = "/usr/bin/python3";

    private const string Script = """
import sys
try:
    from PIL import Image
    import numpy as np
except ImportError as e:
    print('MISSING ' + str(e)); sys.exit(3)
try:
    import cv2
except ImportError:
    cv2 = None

def libpng(f):
    if cv2 is None:
        raise RuntimeError('python3-opencv missing (apt-get install python3-opencv)')
    a = cv2.imread(f, cv2.IMREAD_UNCHANGED)
    if a is None:
        raise RuntimeError('libpng (OpenCV) could not read the file')
    return a

def stack(g, a):
    return np.dstack([g, g, g, a]).astype(np.uint8)

out, listing = sys.argv[1], sys.argv[2]
files = [l.rstrip('\n') for l in open(listing, encoding='utf-8') if l.strip()]
lines = []
for i, f in enumerate(files):
    try:
        method = 'PIL convert RGBA'
        if f.startswith('libpng:'):
            f = f[len('libpng:'):]
            a = libpng(f)
            if a.dtype != np.uint8: a = (a >> 8).astype(np.uint8)
            if a.ndim == 2: a = np.dstack([a, a, a, np.full(a.shape, 255, np.uint8)])
            elif a.shape[2] == 3: a = np.dstack([a[..., 2], a[..., 1], a[..., 0], np.full(a.shape[:2], 255, np.uint8)])
            else: a = a[..., [2, 1, 0, 3]]
            rgba = a; method = 'libpng via OpenCV'
        else:
            head = open(f, 'rb').read(33)
            depth = head[24]
            im = Image.open(f); im.load()
            t = im.info.get('transparency')
            mode = im.mode
            if mode in ('1', 'L') and depth < 8:
                p = np.asarray(im.convert('L'), dtype=np.int32)
                raw = p // (255 // ((1 << depth) - 1))
                alpha = np.full(p.shape, 255) if t is None else np.where(raw == t, 0, 255)
                rgba = stack(p, alpha); method = 'PIL samples, tRNS key at file depth'
            elif mode.startswith('I'):
                v = np.asarray(im).astype(np.int64)
                alpha = np.full(v.shape, 255) if t is None else np.where(v == t, 0, 255)
                rgba = stack(v >> 8, alpha); method = 'PIL 16-bit samples >> 8'
            elif mode == 'RGB' and t is not None and depth == 16:
                a = libpng(f).astype(np.int64)
                key = (a[..., 2] == t[0]) & (a[..., 1] == t[1]) & (a[..., 0] == t[2])
                rgb = np.asarray(im)
                rgba = np.dstack([rgb, np.where(key, 0, 255).astype(np.uint8)]).astype(np.uint8)
                method = 'PIL samples, tRNS key vs libpng 16-bit samples'
            elif mode == 'P' and np.asarray(im).max() >= len(im.getpalette() or []) // 3:
                a = libpng(f)
                if a.shape[2] == 3: a = np.dstack([a[..., 2], a[..., 1], a[..., 0], np.full(a.shape[:2], 255, np.uint8)])
                else: a = a[..., [2, 1, 0, 3]]
                rgba = a; method = 'libpng via OpenCV (palette index beyond PLTE)'
            else:
                rgba = np.asarray(im.convert('RGBA'))
        rgba = np.ascontiguousarray(rgba, dtype=np.uint8)
        open('%s/%d.rgba' % (out, i), 'wb').write(rgba.tobytes())
        lines.append('%d\tOK\t%d\t%d\t%s' % (i, rgba.shape[1], rgba.shape[0], method))
    except Exception as e:
        lines.append('%d\tERROR\t%s: %s' % (i, type(e).__name__, str(e).replace('\n', ' ').replace('\t', ' ')))
open(out + '/manifest.tsv', 'w', encoding='utf-8').write('\n'.join(lines) + '\n')
""";

    /// <summary>PIL's reading of one file.</summary>
    /// <param name="Width">Pixels per row.</param>
    /// <param name="Height">Rows.</param>
    /// <param name="Rgba">Width × Height × 4 bytes, or null when PIL failed.</param>
    /// <param name="Method">How the reference was obtained (see the class remarks).</param>
    /// <param name="Error">PIL's error, or null.</param>
    public sealed record Result(int Width, int Height, byte[]? Rgba, string Method, string? Error);

    /// <summary>Decodes every file in one python process.</summary>
    public static IReadOnlyList<Result> DecodeAll(IReadOnlyList<string> files)
    {
        if (!File.Exists(Python))
        {
            Assert.Fail($"{Python} is missing; the PNG oracle needs Debian's python with PIL: apt-get install python3-pil python3-numpy python3-opencv");
        }

        string dir = Directory.CreateTempSubdirectory("pv-pil-oracle-").FullName;
        try
        {
            string scriptPath = Path.Combine(dir, "oracle.py");
            File.WriteAllText(scriptPath, Script);
            string listPath = Path.Combine(dir, "files.txt");
            File.WriteAllLines(listPath, files);
            var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add(scriptPath);
            psi.ArgumentList.Add(dir);
            psi.ArgumentList.Add(listPath);
            using var p = Process.Start(psi)!;
            string stdout = p.StandardOutput.ReadToEnd();
            string stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode == 3)
            {
                Assert.Fail($"{Python} lacks PIL/numpy ({stdout.Trim()}): apt-get install python3-pil python3-numpy");
            }

            Assert.True(p.ExitCode == 0, $"PIL oracle failed (exit {p.ExitCode}): {stderr}");
            var results = new Result[files.Count];
            foreach (string line in File.ReadAllLines(Path.Combine(dir, "manifest.tsv")))
            {
                if (line.Length == 0)
                {
                    continue;
                }

                string[] f = line.Split('\t');
                int i = int.Parse(f[0], System.Globalization.CultureInfo.InvariantCulture);
                results[i] = f[1] == "OK"
                    ? new Result(int.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture), File.ReadAllBytes(Path.Combine(dir, $"{i}.rgba")), f[4], null)
                    : new Result(0, 0, null, "PIL", f[2]);
            }

            return results;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
