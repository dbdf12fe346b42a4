using System.Globalization;

namespace ProgressVision.Analysis.Healing;

/// <summary>How a box [x, y, w, h] in BEFORE pixels is written in reasons and warnings (whole pixels).</summary>
internal static class BoxText
{
    /// <summary>"[x,y,w,h]", each rounded to a whole pixel, invariant culture.</summary>
    public static string Of(double[] box) =>
        string.Create(CultureInfo.InvariantCulture, $"[{box[0]:0},{box[1]:0},{box[2]:0},{box[3]:0}]");
}
