using ProgressVision.Analysis.Healing;

namespace ProgressVision.Analysis.Compare;

/// <summary>
/// The BEFORE/AFTER pair analysis (<c>compare</c>: registration, dots, metrics, healing flags) as the
/// clinic workflow sees it: two photo files in, one <see cref="CompareResult"/> out. The store keeps
/// one result per pair; <c>analyze</c> walks a client's sessions and calls this for every pair.
/// </summary>
public interface IPairAnalysis
{
    /// <summary>SHA-256 of the healing model this analyser runs, or null when it runs none.</summary>
    string? ModelSha256 { get; }

    /// <summary>Compares two photos of the same scalp area.</summary>
    /// <param name="beforePath">The earlier photo.</param>
    /// <param name="afterPath">The later photo.</param>
    /// <param name="cancellationToken">Stops the work between steps.</param>
    /// <returns>The measurements, plus the dot positions the portfolio draws its density heatmap from.</returns>
    /// <exception cref="ProgressVision.Imaging.InvalidImageException">A photo cannot be decoded.</exception>
    PairAnalysisOutput Analyze(string beforePath, string afterPath, CancellationToken cancellationToken = default);

    /// <summary>Compares two photos knowing their session context (dates, scale).</summary>
    /// <param name="beforePath">The earlier photo.</param>
    /// <param name="afterPath">The later photo.</param>
    /// <param name="context">Dates and scale the store knows about this pair.</param>
    /// <param name="cancellationToken">Stops the work between steps.</param>
    PairAnalysisOutput Analyze(string beforePath, string afterPath, PairContext context, CancellationToken cancellationToken = default) =>
        Analyze(beforePath, afterPath, cancellationToken);
}

/// <summary>What the clinic record knows about a pair beyond the two files.</summary>
/// <param name="LastSessionDate">Date of the session whose healing the AFTER photo shows.</param>
/// <param name="AfterPhotoDate">Date the AFTER photo was taken.</param>
/// <param name="BeforePhotoDate">Date the BEFORE photo was taken.</param>
/// <param name="MmPerPx">Scale of the BEFORE photo, when known.</param>
/// <param name="Targets">The clinic's targets for this client, when set (else the analysis's defaults).</param>
public sealed record PairContext(DateOnly? LastSessionDate, DateOnly? AfterPhotoDate, DateOnly? BeforePhotoDate, double? MmPerPx = null, ClinicTargets? Targets = null);

/// <summary>What one pair analysis produces.</summary>
/// <param name="Result">The measurements (the <c>result.json</c> contract).</param>
/// <param name="BeforeDots">Centres of the pigment dots found in the BEFORE photo, BEFORE pixels.</param>
/// <param name="AfterDots">Centres of the pigment dots found in the AFTER photo, AFTER pixels.</param>
public sealed record PairAnalysisOutput(CompareResult Result, IReadOnlyList<DotCentre> BeforeDots, IReadOnlyList<DotCentre> AfterDots);

/// <summary>The centre of one pigment dot, pixels (OpenCV convention) of the photo it was found in.</summary>
public readonly record struct DotCentre(double X, double Y);
