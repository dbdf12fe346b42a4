using ProgressVision.Analysis.Compare;

namespace ProgressVision.Analysis.Healing;

/// <summary>
/// Groups tiles whose class probability passes a threshold into flags: tiles of one class that
/// touch (8-neighbour on the tile grid) form one region; its box is the union of their boxes in BEFORE
/// pixels and its score the highest tile probability in it.
/// </summary>
public static class HealingFlagAssembler
{
    /// <summary>One classified tile: origin in downscaled pixels and class probabilities in model order.</summary>
    public readonly record struct TileProbabilities(int X, int Y, float[] Probabilities);

    /// <summary>
    /// Measured evidence for a flag of <paramref name="type"/> in <paramref name="box"/> (BEFORE pixels),
    /// made of the tiles whose origins (downscaled pixels) are <paramref name="tiles"/>.
    /// </summary>
    public delegate (IReadOnlyDictionary<string, double> Evidence, string? Note) EvidenceProvider(string type, double[] box, IReadOnlyList<(int X, int Y)> tiles);

    /// <summary>Builds the flags.</summary>
    /// <param name="tiles">Classified tiles.</param>
    /// <param name="stride">Tile grid stride in downscaled pixels (tiles closer than this in x and y are neighbours).</param>
    /// <param name="threshold">Minimum class probability for a tile to count.</param>
    /// <param name="evidence">Computes the measured evidence of each flag.</param>
    public static List<HealingFlag> Assemble(IReadOnlyList<TileProbabilities> tiles, int stride, float threshold, EvidenceProvider evidence)
    {
        var flags = new List<HealingFlag>();
        var classes = HealingFlagTypes.ModelClasses;
        for (int k = 1; k < classes.Count; k++)
        {
            foreach (var g in Groups(tiles, stride, threshold, k))
            {
                double[] box = Box(g);
                var (measured, note) = evidence(classes[k], box, g.Select(t => (t.X, t.Y)).ToList());
                var all = new Dictionary<string, double>(measured)
                {
                    ["tiles"] = g.Count,
                    ["meanProbability"] = Math.Round(g.Average(t => t.Probabilities[k]), 4),
                };
                flags.Add(new HealingFlag(classes[k], Math.Round(g.Max(t => t.Probabilities[k]), 4), box, all) { Note = note });
            }
        }

        return flags.OrderByDescending(f => f.Score).ToList();
    }

    /// <summary>
    /// The connected groups (8-neighbour on the tile grid) of the tiles whose probability of class
    /// <paramref name="classIndex"/> reaches <paramref name="threshold"/>: each becomes one flag.
    /// </summary>
    public static List<List<TileProbabilities>> Groups(IReadOnlyList<TileProbabilities> tiles, int stride, float threshold, int classIndex)
    {
        var members = tiles.Where(t => t.Probabilities[classIndex] >= threshold).ToList();
        var parent = Enumerable.Range(0, members.Count).ToArray();
        int Find(int i)
        {
            while (parent[i] != i)
            {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }

            return i;
        }

        for (int i = 0; i < members.Count; i++)
        {
            for (int j = i + 1; j < members.Count; j++)
            {
                if (Math.Abs(members[i].X - members[j].X) <= stride && Math.Abs(members[i].Y - members[j].Y) <= stride)
                {
                    parent[Find(i)] = Find(j);
                }
            }
        }

        return Enumerable.Range(0, members.Count).GroupBy(Find).Select(g => g.Select(i => members[i]).ToList()).ToList();
    }

    /// <summary>The union of a group's tile boxes, in BEFORE pixels [x, y, w, h].</summary>
    public static double[] Box(IReadOnlyList<TileProbabilities> group)
    {
        const int s = HealingTileLayout.TileSize, f = HealingTileLayout.Downscale;
        int x0 = group.Min(t => t.X), y0 = group.Min(t => t.Y), x1 = group.Max(t => t.X) + s, y1 = group.Max(t => t.Y) + s;
        return [x0 * f, y0 * f, (x1 - x0) * f, (y1 - y0) * f];
    }
}
