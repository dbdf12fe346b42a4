using ProgressVision.Imaging.Geometry;

namespace ProgressVision.Synth.Camera;

/// <summary>
/// The exact mapping between the scalp plane (mm) and one photo's pixels (OpenCV convention: pixel
/// centres at integer coordinates). Image → world is closed-form: w = H⁻¹(u + d(u)); world → image
/// inverts the curvature term by Newton's method to ~1e-10 px. Without curvature both directions are
/// the plane homography <see cref="WorldToImage"/>.
/// </summary>
public sealed class PhotoProjection
{
    private readonly Homography _imageToWorld;

    /// <summary>Builds the projection for a pose.</summary>
    public PhotoProjection(CameraPose pose)
    {
        ArgumentNullException.ThrowIfNull(pose);
        Pose = pose;
        WorldToImage = BuildHomography(pose);
        _imageToWorld = WorldToImage.Inverse();
    }

    /// <summary>The pose this projection was made from.</summary>
    public CameraPose Pose { get; }

    /// <summary>The plane homography world(mm) → image(px), without curvature.</summary>
    public Homography WorldToImage { get; }

    /// <summary>World point seen at pixel (x, y).</summary>
    public (double X, double Y) ImageToWorldPoint(double x, double y)
    {
        if (Pose.Curvature is { } c)
        {
            var (dx, dy) = c.Displacement(x, y);
            x += dx;
            y += dy;
        }

        return _imageToWorld.Map(x, y);
    }

    /// <summary>Pixel where world point (x, y) mm is seen.</summary>
    public (double X, double Y) WorldToImagePoint(double x, double y)
    {
        var (px, py) = WorldToImage.Map(x, y);
        if (Pose.Curvature is not { } c)
        {
            return (px, py);
        }

        // Solve u + d(u) = p. d is small (a few px) and smooth, so starting at p − d(p) Newton converges
        // quadratically; 8 steps reach machine precision for any amplitude we generate.
        var (d0x, d0y) = c.Displacement(px, py);
        double ux = px - d0x, uy = py - d0y;
        for (int i = 0; i < 8; i++)
        {
            var (dx, dy) = c.Displacement(ux, uy);
            double fx = ux + dx - px, fy = uy + dy - py;
            if (Math.Abs(fx) + Math.Abs(fy) < 1e-12)
            {
                break;
            }

            var (a, b, cc, d) = c.JacobianOfIdentityPlus(ux, uy);
            double det = (a * d) - (b * cc);
            ux -= ((d * fx) - (b * fy)) / det;
            uy -= ((a * fy) - (cc * fx)) / det;
        }

        return (ux, uy);
    }

    /// <summary>
    /// Local linear map world → image at world point (x, y): image offsets ≈ J · world offsets (px per mm).
    /// Central differences over ±0.01 mm; the mapping is smooth so this is accurate to ~1e-8.
    /// </summary>
    public (double A, double B, double C, double D) WorldToImageJacobian(double x, double y)
    {
        const double h = 0.01;
        var (x1, y1) = WorldToImagePoint(x + h, y);
        var (x0, y0) = WorldToImagePoint(x - h, y);
        var (x3, y3) = WorldToImagePoint(x, y + h);
        var (x2, y2) = WorldToImagePoint(x, y - h);
        return ((x1 - x0) / (2 * h), (x3 - x2) / (2 * h), (y1 - y0) / (2 * h), (y3 - y2) / (2 * h));
    }

    /// <summary>World area, mm², seen by pixel (x, y): |det ∂w/∂u|.</summary>
    public double PixelAreaMm2(double x, double y)
    {
        var (wx, wy) = ImageToWorldPoint(x, y);
        var (a, b, c, d) = WorldToImageJacobian(wx, wy);
        return 1.0 / Math.Abs((a * d) - (b * c));
    }

    /// <summary>
    /// Pinhole camera looking at the plane: H = K·[r₁ r₂ t]·T, where T moves the target to the origin,
    /// R = Rz(roll)·Rx(tiltX)·Ry(tiltY), t = (0, 0, D) and K has focal f = D·Scale/BaseMmPerPx so the
    /// target's neighbourhood is imaged at exactly Scale/BaseMmPerPx px per mm when untilted.
    /// </summary>
    private static Homography BuildHomography(CameraPose p)
    {
        double roll = p.RollDegrees * Math.PI / 180, ax = p.TiltXDegrees * Math.PI / 180, ay = p.TiltYDegrees * Math.PI / 180;
        double cr = Math.Cos(roll), sr = Math.Sin(roll), cx = Math.Cos(ax), sx = Math.Sin(ax), cy = Math.Cos(ay), sy = Math.Sin(ay);

        // Rx·Ry, then Rz on the left.
        double[,] rx = { { 1, 0, 0 }, { 0, cx, -sx }, { 0, sx, cx } };
        double[,] ry = { { cy, 0, sy }, { 0, 1, 0 }, { -sy, 0, cy } };
        double[,] rz = { { cr, -sr, 0 }, { sr, cr, 0 }, { 0, 0, 1 } };
        var r = Mul(rz, Mul(rx, ry));

        double f = p.DistanceMm * p.Scale / p.BaseMmPerPx;
        double ccx = (p.Width - 1) / 2.0, ccy = (p.Height - 1) / 2.0;
        var k = new Homography(f, 0, ccx, 0, f, ccy, 0, 0, 1);
        var ext = new Homography(r[0, 0], r[0, 1], 0, r[1, 0], r[1, 1], 0, r[2, 0], r[2, 1], p.DistanceMm);
        var toTarget = Homography.Translation(-p.TargetXMm, -p.TargetYMm);
        return (k * ext * toTarget).Normalized();
    }

    private static double[,] Mul(double[,] a, double[,] b)
    {
        var c = new double[3, 3];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                c[i, j] = (a[i, 0] * b[0, j]) + (a[i, 1] * b[1, j]) + (a[i, 2] * b[2, j]);
            }
        }

        return c;
    }
}
