using System.Globalization;

namespace ProgressVision.Analysis.Tests.Healing;

/// <summary>
/// The seed range a healing accuracy test runs on instead of its held-out one, from an environment variable
/// "FIRST,COUNT" (e.g. 93000,48: the calibration seeds the flag confirmations were chosen on).
/// </summary>
internal static class CalibrationSeeds
{
    /// <summary>The range named by <paramref name="variable"/>, or null when it is not set.</summary>
    public static (ulong First, int Count)? From(string variable) =>
        Environment.GetEnvironmentVariable(variable)?.Split(',') is [var first, var count]
            ? (ulong.Parse(first, CultureInfo.InvariantCulture), int.Parse(count, CultureInfo.InvariantCulture))
            : null;
}
