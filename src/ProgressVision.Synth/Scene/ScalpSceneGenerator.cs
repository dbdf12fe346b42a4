using ProgressVision.Synth.Randomness;

namespace ProgressVision.Synth.Scene;

/// <summary>Draws a <see cref="ScalpScene"/> from a seed and a <see cref="SceneRecipe"/>.</summary>
public static class ScalpSceneGenerator
{
    // Independent random streams: changing how hair is drawn must not move the dots, and so on.
    private const ulong StreamLayout = 1, StreamDots = 2, StreamHealing = 3, StreamHair = 4, StreamMoles = 5;

    /// <summary>Generates the scene.</summary>
    public static ScalpScene Generate(ulong seed, SceneRecipe recipe)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentOutOfRangeException.ThrowIfLessThan(recipe.Sessions, 1);
        if (recipe.DensityPerCm2.Length == 0)
        {
            throw new ArgumentException("At least one density is needed.", nameof(recipe));
        }

        var rng = SplitMix64.ForStream(seed, StreamLayout);
        var scalp = new StarRegion
        {
            CentreX = SceneLayout.CentreX,
            CentreY = SceneLayout.CentreY + rng.Uniform(-4, 4),
            Radius = rng.Uniform(92, 102),
            Aspect = 1.12,
            Amplitudes = [0.0, rng.Uniform(0.01, 0.04), rng.Uniform(0, 0.02)],
            Phases = [0, rng.Uniform(0, 6.28), rng.Uniform(0, 6.28)],
        };
        var treated = new StarRegion
        {
            CentreX = SceneLayout.CentreX + rng.Uniform(-3, 3),
            CentreY = SceneLayout.CentreY + rng.Uniform(-3, 3),
            Radius = rng.Uniform(48, 56),
            Aspect = rng.Uniform(1.15, 1.35),
            Amplitudes = [rng.Uniform(0, 0.04), rng.Uniform(0.03, 0.09), rng.Uniform(0.01, 0.05), rng.Uniform(0, 0.03)],
            Phases = [rng.Uniform(0, 6.28), rng.Uniform(0, 6.28), rng.Uniform(0, 6.28), rng.Uniform(0, 6.28)],
        };

        // A small per-client shift of the palette colour so two clients of one tone differ.
        var skin = SkinPalette.Base(recipe.Tone).Times(new LinearRgb(rng.Uniform(0.94, 1.06), rng.Uniform(0.94, 1.06), rng.Uniform(0.93, 1.07)));
        var backgrounds = new[] { LinearRgb.FromSrgb(28, 28, 32), LinearRgb.FromSrgb(120, 122, 128), LinearRgb.FromSrgb(52, 70, 110), LinearRgb.FromSrgb(190, 188, 184) };
        var background = backgrounds[rng.NextInt(backgrounds.Length)];
        int hairIdx = recipe.HairColourIndex >= 0 ? recipe.HairColourIndex % SkinPalette.HairColours.Count : rng.NextInt(SkinPalette.HairColours.Count);
        var hairColour = SkinPalette.HairColours[hairIdx];

        var moleRng = SplitMix64.ForStream(seed, StreamMoles);
        var moles = new List<Mole>();
        for (int i = 0; i < recipe.Moles; i++)
        {
            moles.Add(new Mole(moleRng.Uniform(20, 160), moleRng.Uniform(15, 125), moleRng.Uniform(0.7, 2.2), moleRng.Uniform(0.35, 0.8)));
        }

        var sessions = BuildSessions(seed, recipe, treated, scalp, hairColour);
        return new ScalpScene
        {
            Seed = seed,
            WidthMm = SceneLayout.WidthMm,
            HeightMm = SceneLayout.HeightMm,
            Tone = recipe.Tone,
            SkinBase = skin,
            Mottling = recipe.Mottling,
            Scalp = scalp,
            Background = background,
            Treated = treated,
            Moles = moles,
            HairColour = hairColour,
            Sessions = sessions,
        };
    }

    private static List<SessionState> BuildSessions(ulong seed, SceneRecipe recipe, StarRegion treated, StarRegion scalp, LinearRgb hairColour)
    {
        var rng = SplitMix64.ForStream(seed, StreamDots);
        var healRng = SplitMix64.ForStream(seed, StreamHealing);
        var placer = new DotPlacer();
        double meanDiameter = rng.Uniform(recipe.MinDotDiameterMm + 0.05, recipe.MaxDotDiameterMm - 0.05);

        // Gaps: holes left in the first session, partly filled later.
        var gaps = new List<StarRegion>();
        for (int g = 0; g < recipe.Gaps; g++)
        {
            var (gx, gy) = PointInside(ref rng, treated, margin: 10);
            gaps.Add(new StarRegion
            {
                CentreX = gx,
                CentreY = gy,
                Radius = rng.Uniform(2.5, 5.5),
                Aspect = rng.Uniform(0.8, 1.4),
                Amplitudes = [0, rng.Uniform(0.05, 0.15), rng.Uniform(0, 0.08)],
                Phases = [0, rng.Uniform(0, 6.28), rng.Uniform(0, 6.28)],
            });
        }

        // Gaps no session has filled yet: a gap one session filled keeps those dots even when a later
        // session leaves it open again, so only these are empty patches in the truth.
        var emptyGaps = gaps;
        var conditions = new Dictionary<int, SessionDot>();
        var persistentHealing = new List<HealingRegion>();
        var sessions = new List<SessionState>();
        var date = recipe.FirstSession;
        int nextId = 1;
        for (int s = 1; s <= recipe.Sessions; s++)
        {
            int daysSince = s == 1 ? 0 : 10 + rng.NextInt(5);
            date = date.AddDays(daysSince);
            var openGaps = s == 1 ? gaps : gaps.Where((_, i) => SplitMix64.Hash01(seed, i, s, 7) < 0.5).ToList();
            emptyGaps = emptyGaps.Where(openGaps.Contains).ToList();
            if (s > 1)
            {
                // Earlier sessions' dots heal: some regions fade or blow out (conditions persist).
                ApplyHealing(ref healRng, recipe, treated, s, conditions, persistentHealing);
            }

            // Newly placed dots are fresh in this session's photo; last session's fresh dots become normal.
            foreach (var id in conditions.Keys.ToList())
            {
                if (conditions[id].Condition == DotCondition.Fresh)
                {
                    conditions[id] = conditions[id] with { Condition = DotCondition.Normal };
                }
            }

            double density = recipe.DensityPerCm2[Math.Min(s - 1, recipe.DensityPerCm2.Length - 1)];
            if (s == 1)
            {
                PlaceClumps(ref rng, recipe, treated, openGaps, placer, meanDiameter, ref nextId, conditions);
            }

            PlaceToDensity(ref rng, recipe, treated, openGaps, placer, density, meanDiameter, s, ref nextId, conditions);

            var healing = new List<HealingRegion>(persistentHealing);
            if (recipe.Redness > 0)
            {
                // Redness follows fresh work: strongest on the newest area, fading with days (photo taken 0–3 days after).
                int photoDelay = healRng.NextInt(4);
                double strength = recipe.Redness * Math.Exp(-photoDelay / 3.0) * healRng.Uniform(0.7, 1.0);
                int patches = 1 + healRng.NextInt(2);
                for (int i = 0; i < patches; i++)
                {
                    var (rx, ry) = PointInside(ref healRng, treated, margin: 6);
                    healing.Add(new HealingRegion(HealingKind.Redness, Blob(ref healRng, rx, ry, healRng.Uniform(6, 14)), strength));
                }
            }

            var hair = HairGenerator.Generate(seed, s, recipe.Hair, treated, scalp, hairColour, out double stubble);
            sessions.Add(new SessionState
            {
                Number = s,
                Date = date,
                DaysSincePreviousSession = daysSince,
                Dots = conditions.Values.OrderBy(d => d.Dot.Id).ToList(),
                Hair = hair,
                Gaps = emptyGaps,
                Healing = healing,
                StubbleLengthMm = stubble,
            });
        }

        return sessions;
    }

    private static void ApplyHealing(ref SplitMix64 rng, SceneRecipe recipe, StarRegion treated, int session, Dictionary<int, SessionDot> conditions, List<HealingRegion> persistent)
    {
        for (int i = 0; i < recipe.FadePatches + recipe.BlowoutPatches; i++)
        {
            bool fade = i < recipe.FadePatches;
            var (cx, cy) = PointInside(ref rng, treated, margin: 8);
            var region = Blob(ref rng, cx, cy, fade ? rng.Uniform(4, 9) : rng.Uniform(3, 6));
            double strength = rng.Uniform(0.5, 0.9);
            persistent.Add(new HealingRegion(fade ? HealingKind.PatchyFade : HealingKind.Blowout, region, strength));
            foreach (var id in conditions.Keys.ToList())
            {
                var sd = conditions[id];
                if (sd.Dot.Session >= session || sd.Condition is DotCondition.Lost or DotCondition.Blowout || !region.Contains(sd.Dot.X, sd.Dot.Y))
                {
                    continue;
                }

                if (fade)
                {
                    conditions[id] = rng.Chance(0.35 * strength)
                        ? sd with { Condition = DotCondition.Lost, OpacityFactor = 0 }
                        : sd with { Condition = DotCondition.Faded, OpacityFactor = sd.OpacityFactor * rng.Uniform(0.2, 0.65) };
                }
                else if (rng.Chance(0.85))
                {
                    double grow = 1.25 + (0.5 * strength * rng.NextDouble());
                    conditions[id] = sd with { Condition = DotCondition.Blowout, RadiusFactor = grow, HaloRadiusMm = sd.Dot.RadiusMm * grow * rng.Uniform(2.0, 2.8) };
                }
            }
        }
    }

    private static void PlaceClumps(ref SplitMix64 rng, SceneRecipe recipe, StarRegion treated, List<StarRegion> gaps, DotPlacer placer, double meanDiameter, ref int nextId, Dictionary<int, SessionDot> conditions)
    {
        for (int c = 0; c < recipe.Clumps; c++)
        {
            var (cx, cy) = PointInside(ref rng, treated, margin: 5);
            int n = 4 + rng.NextInt(6);
            double spread = rng.Uniform(0.8, 1.4);
            for (int attempt = 0, placed = 0; attempt < 200 && placed < n; attempt++)
            {
                double x = cx + rng.Normal(0, spread), y = cy + rng.Normal(0, spread);
                var dot = DrawDot(ref rng, recipe, x, y, meanDiameter, nextId, session: 1, clump: true);
                // Clumped dots may nearly touch (factor 1.0 instead of 1.15) but never overlap.
                if (!treated.Contains(x, y) || InAny(gaps, x, y) || !placer.Fits(x, y, dot.RadiusMm, 0, 1.0))
                {
                    continue;
                }

                placer.Add(dot);
                conditions[dot.Id] = new SessionDot(dot, DotCondition.Fresh);
                nextId++;
                placed++;
            }
        }
    }

    private static void PlaceToDensity(ref SplitMix64 rng, SceneRecipe recipe, StarRegion treated, List<StarRegion> gaps, DotPlacer placer, double densityPerCm2, double meanDiameter, int session, ref int nextId, Dictionary<int, SessionDot> conditions)
    {
        double rhoMm2 = densityPerCm2 / 100.0;
        double area = treated.AreaMm2 - gaps.Sum(g => g.AreaMm2);
        int present = conditions.Values.Count(d => d.IsPresent);
        int target = (int)Math.Round(rhoMm2 * area);
        double spacing = recipe.SpacingFactor / Math.Sqrt(rhoMm2);
        var (minX, minY, maxX, maxY) = treated.Bounds;
        long maxAttempts = 40L * Math.Max(target, 1);
        for (long attempt = 0; attempt < maxAttempts && present < target; attempt++)
        {
            // Clumped work: the needle lands right beside an earlier dot (touching distance plus up to
            // 0.35 mm), leaving clusters and the gaps between them. No draw at all when unclumped, so
            // recipes without clumping place exactly the dots they always did.
            bool besideEarlier = recipe.ClumpedFraction > 0 && placer.Dots.Count > 0 && rng.Chance(recipe.ClumpedFraction);
            double x, y;
            if (besideEarlier)
            {
                var near = placer.Dots[rng.NextInt(placer.Dots.Count)];
                double a = rng.Uniform(0, 2 * Math.PI), dist = (near.RadiusMm * 2.2) + 0.05 + rng.Uniform(0, 0.35);
                x = near.X + (dist * Math.Cos(a));
                y = near.Y + (dist * Math.Sin(a));
            }
            else
            {
                x = rng.Uniform(minX, maxX);
                y = rng.Uniform(minY, maxY);
            }

            if (!treated.Contains(x, y) || InAny(gaps, x, y))
            {
                continue;
            }

            var dot = DrawDot(ref rng, recipe, x, y, meanDiameter, nextId, session, clump: false);
            if (!placer.Fits(x, y, dot.RadiusMm, besideEarlier ? 0 : spacing, besideEarlier ? 1.0 : 1.15))
            {
                continue;
            }

            placer.Add(dot);
            conditions[dot.Id] = new SessionDot(dot, DotCondition.Fresh);
            nextId++;
            present++;
        }
    }

    private static PigmentDot DrawDot(ref SplitMix64 rng, SceneRecipe recipe, double x, double y, double meanDiameter, int id, int session, bool clump)
    {
        double d = Math.Clamp(rng.Normal(meanDiameter, 0.06), recipe.MinDotDiameterMm, recipe.MaxDotDiameterMm);
        return new PigmentDot
        {
            Id = id,
            X = x,
            Y = y,
            RadiusMm = d / 2,
            Aspect = rng.Uniform(0.72, 1.0),
            Angle = rng.Uniform(0, Math.PI),
            Opacity = Math.Clamp(rng.Normal(recipe.DotOpacity, 0.06), 0.45, 1.0),
            Session = session,
            InClump = clump,
        };
    }

    private static StarRegion Blob(ref SplitMix64 rng, double x, double y, double radius) => new()
    {
        CentreX = x,
        CentreY = y,
        Radius = radius,
        Aspect = rng.Uniform(0.75, 1.35),
        Amplitudes = [0, rng.Uniform(0.05, 0.18), rng.Uniform(0.02, 0.1), rng.Uniform(0, 0.06)],
        Phases = [0, rng.Uniform(0, 6.28), rng.Uniform(0, 6.28), rng.Uniform(0, 6.28)],
    };

    private static (double X, double Y) PointInside(ref SplitMix64 rng, StarRegion region, double margin)
    {
        var (minX, minY, maxX, maxY) = region.Bounds;
        for (int i = 0; i < 1000; i++)
        {
            double x = rng.Uniform(minX, maxX), y = rng.Uniform(minY, maxY);
            if (region.SignedDistance(x, y) < -margin)
            {
                return (x, y);
            }
        }

        return (region.CentreX, region.CentreY);
    }

    private static bool InAny(List<StarRegion> regions, double x, double y)
    {
        foreach (var r in regions)
        {
            if (r.Contains(x, y))
            {
                return true;
            }
        }

        return false;
    }
}
