using ProgressVision.Synth.Randomness;
using ProgressVision.Synth.Scene;

namespace ProgressVision.Synth.Rendering;

/// <summary>
/// Reflectance of the scalp (and of the background) at a world point: base tone, mottling, grain,
/// pores, moles, darkening towards the scalp's edge where it curves away, and session redness.
/// Everything is a pure function of the world point, so the texture moves exactly with the scalp
/// between photos (a registration algorithm can lock onto it, as on real skin).
/// </summary>
internal sealed class SkinShader
{
    private const double PoreCellMm = 0.62;
    private readonly ScalpScene _scene;
    private readonly SessionState _session;
    private readonly bool _texture;
    private readonly double _mmPerPx;
    private readonly ValueNoise _mottle, _redMottle, _grain, _fabric, _rednessBlotch;
    private readonly ulong _poreSeed;
    private readonly LinearRgb _mole, _hairShadow;

    public SkinShader(ScalpScene scene, SessionState session, bool texture, double mmPerPx)
    {
        _scene = scene;
        _session = session;
        _texture = texture;
        _mmPerPx = mmPerPx;
        var rng = SplitMix64.ForStream(scene.Seed, 77);
        _mottle = new ValueNoise(rng.NextUInt64());
        _redMottle = new ValueNoise(rng.NextUInt64());
        _grain = new ValueNoise(rng.NextUInt64());
        _fabric = new ValueNoise(rng.NextUInt64());
        _rednessBlotch = new ValueNoise(rng.NextUInt64());
        _poreSeed = rng.NextUInt64();
        _mole = SkinPalette.Mole(scene.Tone);
        _hairShadow = new LinearRgb(0.55, 0.58, 0.66).Lerp(scene.HairColour.Scale(1 / Math.Max(0.05, scene.HairColour.Luminance) * 0.6), 0.3);
    }

    /// <summary>Reflectance of the scalp at (x, y) mm, before pigment and hair.</summary>
    public LinearRgb Skin(double x, double y)
    {
        var c = _scene.SkinBase;
        if (_texture)
        {
            double m = _mottle.Fractal(x, y, 7.0, 3);
            double m2 = _redMottle.Fractal(x, y, 13.0, 2);
            double g = _grain.Fractal(x, y, 0.14, 2);
            double k = _scene.Mottling;
            double lum = (1 + (0.11 * k * m)) * (1 + (0.05 * g)) * Pores(x, y) * Furrows(x, y);
            c = new LinearRgb(c.R * lum * (1 + (0.06 * k * m2)), c.G * lum * (1 - (0.01 * k * m2)), c.B * lum * (1 - (0.05 * k * m2)));
            foreach (var mole in _scene.Moles)
            {
                double dx = x - mole.X, dy = y - mole.Y;
                double d = Math.Sqrt((dx * dx) + (dy * dy)) / mole.RadiusMm;
                if (d < 1.3)
                {
                    double t = mole.Darkness * (1 - SmoothStep(0.7, 1.3, d));
                    c = c.Lerp(_mole, t);
                }
            }

            // Shaved hair-bearing skin looks grey-blue: hair shafts show through the skin.
            double hair = HairGenerator.HairDensity(_scene.Treated.SignedDistance(x, y));
            if (hair > 0)
            {
                c = c.Lerp(c.Times(_hairShadow), 0.5 * hair);
            }

            // The scalp is a dome: it turns away from the light towards its outline (broad Lambertian
            // fall-off), and most steeply within the last ~18 mm.
            double edge = _scene.Scalp.SignedDistance(x, y);
            double ex = (x - _scene.Scalp.CentreX) / (_scene.Scalp.Radius * _scene.Scalp.Aspect), ey = (y - _scene.Scalp.CentreY) / _scene.Scalp.Radius;
            c = c.Scale((1 - (0.3 * SmoothStep(-18, 0, edge))) * (1 - (0.18 * ((ex * ex) + (ey * ey)))));
        }

        foreach (var h in _session.Healing)
        {
            if (h.Kind != Scene.HealingKind.Redness)
            {
                continue;
            }

            double sd = h.Region.SignedDistance(x, y);
            if (sd > 6)
            {
                continue;
            }

            // Erythema raises a*: more red, less green/blue; blotchy and feathered over ~1.5 mm.
            double s = h.Strength / (1 + Math.Exp(sd / 1.5));
            if (_texture)
            {
                s *= 0.75 + (0.25 * _rednessBlotch.Fractal(x, y, 2.5, 2));
            }

            c = new LinearRgb(c.R * (1 + (0.35 * s)), c.G * (1 - (0.3 * s)), c.B * (1 - (0.25 * s)));
        }

        return c;
    }

    /// <summary>Reflectance of the background (a cape or chair) at (x, y) mm.</summary>
    public LinearRgb Background(double x, double y)
    {
        var b = _scene.Background;
        if (!_texture)
        {
            return b;
        }

        double f = (0.12 * _fabric.Fractal(x, y, 3.0, 2)) + (0.05 * _fabric.At(x / 0.3, y / 0.3));
        return b.Scale(1 + f);
    }

    private double Furrows(double x, double y)
    {
        // Skin micro-relief: two families of fine furrows crossing at ~70° (the rhomboid skin-line
        // pattern). Each family is value noise stretched 8:1 along its direction; a furrow is where the
        // noise crosses zero, darkened by a narrow dip.
        const double c1 = 0.8660, s1 = 0.5, c2 = -0.2588, s2 = 0.9659;
        double u1 = (x * c1) + (y * s1), v1 = (-x * s1) + (y * c1);
        double u2 = (x * c2) + (y * s2), v2 = (-x * s2) + (y * c2);
        double n1 = _grain.At(u1 / 2.4, v1 / 0.3), n2 = _grain.At((u2 / 2.4) + 50, (v2 / 0.3) + 50);
        double d = Math.Exp(-n1 * n1 * 60) + Math.Exp(-n2 * n2 * 60);
        return 1 - (0.05 * _scene.Mottling * Math.Min(1.5, d));
    }

    private double Pores(double x, double y)
    {
        // Pore openings on a jittered lattice. Each is a Gaussian of radius r convolved with the pixel
        // footprint (σ² = r² + (px/2)²), scaled so its integrated darkening stays r²-proportional:
        // sub-pixel pores fade into grain instead of aliasing into salt-and-pepper.
        int ci = (int)Math.Floor(x / PoreCellMm), cj = (int)Math.Floor(y / PoreCellMm);
        double f = 1.0;
        double pxHalf = 0.5 * _mmPerPx;
        for (int j = cj - 1; j <= cj + 1; j++)
        {
            for (int i = ci - 1; i <= ci + 1; i++)
            {
                double px = (i + SplitMix64.Hash01(_poreSeed, i, j, 1)) * PoreCellMm;
                double py = (j + SplitMix64.Hash01(_poreSeed, i, j, 2)) * PoreCellMm;
                double r = 0.03 + (0.04 * SplitMix64.Hash01(_poreSeed, i, j, 3));
                double dx = x - px, dy = y - py;
                double s2 = (r * r) + (pxHalf * pxHalf);
                double d2 = (dx * dx) + (dy * dy);
                if (d2 > 9 * s2)
                {
                    continue;
                }

                double depth = (0.1 + (0.3 * SplitMix64.Hash01(_poreSeed, i, j, 4))) * (r * r / s2);
                f *= 1 - (depth * Math.Exp(-d2 / (2 * s2)));
            }
        }

        return f;
    }

    internal static double SmoothStep(double e0, double e1, double x)
    {
        double t = Math.Clamp((x - e0) / (e1 - e0), 0, 1);
        return t * t * (3 - (2 * t));
    }
}
