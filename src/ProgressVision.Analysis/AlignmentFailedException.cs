namespace ProgressVision.Analysis;

/// <summary>
/// Two photos could not be aligned: they do not show the same scalp area (or not enough of it), so
/// no transform is returned rather than a wrong one. The message carries the evidence.
/// </summary>
public sealed class AlignmentFailedException : Exception
{
    /// <summary>Creates the exception with the evidence that decided the failure.</summary>
    public AlignmentFailedException(string reason, int inliers, int matches, double overlap)
        : base(Compose(reason, inliers, matches, overlap))
    {
        Reason = reason;
        Inliers = inliers;
        Matches = matches;
        Overlap = overlap;
    }

    /// <summary>What was insufficient, without the numbers.</summary>
    public string Reason { get; }

    /// <summary>Feature matches consistent with the best transform found.</summary>
    public int Inliers { get; }

    /// <summary>Feature matches that passed the ratio test and cross-check.</summary>
    public int Matches { get; }

    /// <summary>Fraction of BEFORE covered by the best transform found (0 when none).</summary>
    public double Overlap { get; }

    /// <summary>Inliers / matches (0 when there were no matches).</summary>
    public double InlierRatio => Matches == 0 ? 0 : (double)Inliers / Matches;

    private static string Compose(string reason, int inliers, int matches, double overlap)
    {
        double ratio = matches == 0 ? 0 : (double)inliers / matches;
        return string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"photos do not show the same area: {reason} (inliers {inliers} of {matches} matches, inlier ratio {ratio:0.00}, overlap {overlap:0.00})");
    }
}
