using ProgressVision.Synth.Randomness;

namespace ProgressVision.Synth.Scene;

/// <summary>
/// Grows hair on the scene for one session. Follicles sit on a jittered 0.85 mm lattice (≈140/cm², a
/// typical scalp follicle density) and are fixed for the client; how each hair lies, and how long the
/// stubble has grown, is redrawn per session, because hair is not a stable registration feature.
/// </summary>
internal static class HairGenerator
{
    private const double FollicleCellMm = 0.85;
    private const ulong StreamRoots = 40, StreamLie = 41;

    public static List<HairStrand> Generate(ulong seed, int session, HairStyle style, StarRegion treated, StarRegion scalp, LinearRgb colour, out double stubbleLengthMm)
    {
        var lie = SplitMix64.ForStream(seed, StreamLie + ((ulong)session * 1000));
        ulong rootSeed = SplitMix64.ForStream(seed, StreamRoots).NextUInt64();
        var flow = new ValueNoise(rootSeed ^ 0x55AA);

        // Shaved 0–3 days before the photo; hair grows ≈0.35 mm/day and stands at an angle, so the
        // visible stub is shorter than the hair.
        stubbleLengthMm = 0.12 + (0.22 * lie.NextInt(4)) + lie.Uniform(0, 0.1);
        var strands = new List<HairStrand>();
        var (minX, minY, maxX, maxY) = scalp.Bounds;
        int i0 = (int)Math.Floor(minX / FollicleCellMm), i1 = (int)Math.Ceiling(maxX / FollicleCellMm);
        int j0 = (int)Math.Floor(minY / FollicleCellMm), j1 = (int)Math.Ceiling(maxY / FollicleCellMm);
        for (int j = j0; j <= j1; j++)
        {
            for (int i = i0; i <= i1; i++)
            {
                double fx = (i + 0.15 + (0.7 * SplitMix64.Hash01(rootSeed, i, j, 1))) * FollicleCellMm;
                double fy = (j + 0.15 + (0.7 * SplitMix64.Hash01(rootSeed, i, j, 2))) * FollicleCellMm;
                if (fx < 0 || fy < 0 || fx > SceneLayout.WidthMm || fy > SceneLayout.HeightMm || !scalp.Contains(fx, fy))
                {
                    continue;
                }

                double sd = treated.SignedDistance(fx, fy);
                double hairProbability = HairDensity(sd);
                double h = SplitMix64.Hash01(rootSeed, i, j, 3);

                // Hair is combed/grows away from the crown, with a smoothly varying swirl.
                double outward = Math.Atan2(fy - treated.CentreY, (fx - treated.CentreX) / 1.2);
                double angle = outward + (0.7 * flow.Fractal(fx, fy, 30, 2)) + lie.Normal(0, 0.12);
                if (h < hairProbability)
                {
                    // Stubble leaves the skin at a slant, so only part of it is seen; the exit point is a dark dot.
                    double len = stubbleLengthMm * lie.Uniform(0.4, 1.2);
                    var tint = Tint(ref lie, colour);
                    strands.Add(Straightish(ref lie, fx, fy, angle, len, lie.Uniform(0.07, 0.11), tint, HairKind.Stubble, 1.0));

                    // Where the shaft leaves the skin it is seen end-on through a thin skin layer: a soft dot.
                    strands.Add(Straightish(ref lie, fx - (0.04 * Math.Cos(angle)), fy - (0.04 * Math.Sin(angle)), angle, 0.08, lie.Uniform(0.12, 0.16), tint.Scale(0.85), HairKind.Stubble, 0.55));
                    if (style == HairStyle.LongSides && SplitMix64.Hash01(rootSeed, i, j, 4) < 0.45 && sd > 1.0)
                    {
                        // Combed hair lies along the flow: little per-hair scatter, gentle bends.
                        double longLen = lie.Uniform(10, 32);
                        strands.Add(Curved(ref lie, fx, fy, angle + lie.Normal(0, 0.06), longLen, lie.Uniform(0.05, 0.1), Tint(ref lie, colour), HairKind.Side));
                    }
                }
                else if (sd < 0 && h > 0.965)
                {
                    // Sparse vellus in the bald area: fine, short, translucent, lighter than terminal hair.
                    strands.Add(Straightish(ref lie, fx, fy, angle, lie.Uniform(0.4, 1.5), lie.Uniform(0.02, 0.035), colour.Scale(1.5), HairKind.Vellus, 0.35));
                }
            }
        }

        if (style == HairStyle.LongSides)
        {
            // A fringe of long strands rooted just outside the treated edge, falling inwards over it.
            int fringe = 40 + lie.NextInt(60);
            for (int k = 0; k < fringe; k++)
            {
                double t = lie.Uniform(0, 2 * Math.PI);
                double r = treated.RadiusAt(t) + lie.Uniform(0.5, 4);
                double fx = treated.CentreX + (r * Math.Cos(t) * treated.Aspect), fy = treated.CentreY + (r * Math.Sin(t));
                double inward = Math.Atan2(treated.CentreY - fy, (treated.CentreX - fx) / 1.2) + lie.Normal(0, 0.35);
                strands.Add(Curved(ref lie, fx, fy, inward, lie.Uniform(10, 30), lie.Uniform(0.05, 0.09), Tint(ref lie, colour), HairKind.Fringe));
            }
        }

        return strands;
    }

    private static HairStrand Straightish(ref SplitMix64 rng, double x, double y, double angle, double len, double width, LinearRgb colour, HairKind kind, double opacity)
    {
        double bend = rng.Normal(0, 0.15);
        double c = Math.Cos(angle), s = Math.Sin(angle), c2 = Math.Cos(angle + bend), s2 = Math.Sin(angle + bend);
        return new HairStrand
        {
            ControlPoints = [x, y, x + (c * len / 3), y + (s * len / 3), x + (c2 * len * 2 / 3), y + (s2 * len * 2 / 3), x + (c2 * len), y + (s2 * len)],
            WidthMm = width,
            TipTaper = kind == HairKind.Stubble ? 0.6 : 0.5,
            Colour = colour,
            Kind = kind,
            Opacity = opacity,
        };
    }

    private static HairStrand Curved(ref SplitMix64 rng, double x, double y, double angle, double len, double width, LinearRgb colour, HairKind kind)
    {
        // Control points along a random-walk heading: gentle S- and C-curves like combed hair.
        double a1 = angle + rng.Normal(0, 0.12), a2 = a1 + rng.Normal(0, 0.15), a3 = a2 + rng.Normal(0, 0.2);
        double step = len / 3;
        double x1 = x + (step * Math.Cos(a1)), y1 = y + (step * Math.Sin(a1));
        double x2 = x1 + (step * Math.Cos(a2)), y2 = y1 + (step * Math.Sin(a2));
        double x3 = x2 + (step * Math.Cos(a3)), y3 = y2 + (step * Math.Sin(a3));
        return new HairStrand { ControlPoints = [x, y, x1, y1, x2, y2, x3, y3], WidthMm = width, Colour = colour, Kind = kind, TipTaper = 0.35 };
    }

    private static LinearRgb Tint(ref SplitMix64 rng, LinearRgb c)
    {
        double k = rng.Uniform(0.8, 1.25);
        return c.Scale(k);
    }

    /// <summary>Fraction of follicles bearing terminal hair at signed distance <paramref name="sd"/> mm from the treated edge.</summary>
    public static double HairDensity(double sd) => SmoothStep(-1.5, 4.0, sd) * 0.92;

    private static double SmoothStep(double e0, double e1, double x)
    {
        double t = Math.Clamp((x - e0) / (e1 - e0), 0, 1);
        return t * t * (3 - (2 * t));
    }
}
