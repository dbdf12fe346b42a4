using System.Diagnostics;
using System.Globalization;
using ProgressVision.Analysis.Dots;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Analysis.Tests.Accuracy;

/// <summary>
/// The anchor: OpenCV's SimpleBlobDetector (Debian python3-opencv through /usr/bin/python3) run on
/// the same pixels, configured for dark round blobs 3–24 px across.
/// </summary>
public static class OpenCvBlobAnchor
{
    public const string Python = "/usr/bin/python3";

    private const string Script = """
        import sys, math, cv2
        img = cv2.imread(sys.argv[1], cv2.IMREAD_COLOR)
        if img is None:
            sys.exit("cannot read " + sys.argv[1])
        gray = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
        p = cv2.SimpleBlobDetector_Params()
        p.filterByColor = True; p.blobColor = 0
        p.minThreshold = 10; p.maxThreshold = 240; p.thresholdStep = 8; p.minRepeatability = 2
        p.filterByArea = True; p.minArea = math.pi * 1.5 ** 2; p.maxArea = math.pi * 12 ** 2
        p.filterByCircularity = True; p.minCircularity = 0.6
        p.filterByInertia = True; p.minInertiaRatio = 0.3
        p.filterByConvexity = True; p.minConvexity = 0.8
        p.minDistBetweenBlobs = 3
        for k in cv2.SimpleBlobDetector_create(p).detect(gray):
            print("%.3f %.3f %.3f" % (k.pt[0], k.pt[1], k.size / 2))
        """;

    /// <summary>Runs the detector; fails with a message naming the interpreter when OpenCV is missing.</summary>
    public static (List<PigmentDot> Dots, double Milliseconds) Detect(PixelBuffer<byte> rgb)
    {
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} not found: the OpenCV anchor needs Debian's python3 with python3-opencv (.ci/run installs it).");
        }

        string dir = Path.Combine(Path.GetTempPath(), "pv-dots-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string img = Path.Combine(dir, "photo.ppm"), py = Path.Combine(dir, "blobs.py");
            using (var f = File.Create(img))
            {
                f.Write(System.Text.Encoding.ASCII.GetBytes($"P6\n{rgb.Width} {rgb.Height}\n255\n"));
                f.Write(rgb.Span);
            }

            File.WriteAllText(py, Script);
            var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add(py);
            psi.ArgumentList.Add(img);
            var sw = Stopwatch.StartNew();
            using var proc = Process.Start(psi)!;
            string stdout = proc.StandardOutput.ReadToEnd(), stderr = proc.StandardError.ReadToEnd();
            proc.WaitForExit();
            double ms = sw.Elapsed.TotalMilliseconds;
            if (proc.ExitCode != 0)
            {
                throw new InvalidOperationException($"{Python} with cv2 failed ({proc.ExitCode}): {stderr.Trim()} (is python3-opencv installed?)");
            }

            var dots = new List<PigmentDot>();
            foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var v = line.Split(' ');
                dots.Add(new PigmentDot(
                    double.Parse(v[0], CultureInfo.InvariantCulture), double.Parse(v[1], CultureInfo.InvariantCulture),
                    double.Parse(v[2], CultureInfo.InvariantCulture), 0, 0));
            }

            return (dots, ms);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
