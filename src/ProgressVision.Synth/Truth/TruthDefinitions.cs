namespace ProgressVision.Synth.Truth;

/// <summary>
/// The exact definitions behind <see cref="TruthMetrics"/>, shared with the Metrics code so truth and
/// measurement are the same quantity. All in image pixels of one photo, pixel centres at integers.
/// <list type="bullet">
/// <item><b>Treated visible scalp V</b>: pixels whose world point lies inside the treated area and on the
/// scalp, and whose label is Scalp (not Hair, not Background). Gaps are part of V (they are treated area
/// left empty).</item>
/// <item><b>Pigment fraction</b> of a pixel: the fraction of its S×S sub-samples (S =
/// <see cref="Supersampling"/>, offsets (i + ½)/S − ½) inside the union of the nominal outlines (where
/// ink opacity falls to half) of all visible dots.</item>
/// <item><b>Coverage</b> = Σ_{p∈V} pigment fraction(p) ÷ |V|.</item>
/// <item><b>Visible dot</b>: not lost, and opacity × opacity factor ≥ <see cref="MinVisibleOpacity"/>.</item>
/// <item><b>Counted dot</b>: visible, centre (X, Y) rounded half away from zero to a pixel in V.</item>
/// <item><b>Density</b>: counted ÷ |V| × 1000 (per 1000 px²), and counted ÷ (Σ_{p∈V} world area of p in
/// cm²) (per cm²).</item>
/// <item><b>NnCv</b>: for each counted dot the Euclidean distance (px) to the nearest other counted dot;
/// population standard deviation ÷ mean. 0 when fewer than 2 dots.</item>
/// <item><b>Clark–Evans R</b> = mean NN distance ÷ (0.5·√(A/n) + (0.0514 + 0.041/√n)·P/n) (Donnelly 1978),
/// A = |V| px², n = counted dots, P = crack length of V (number of unit pixel edges between a V pixel
/// and a non-V pixel or the image border), px.</item>
/// <item><b>SizeCv</b>: population SD ÷ mean of the counted dots' <see cref="ImageDot.DiameterPx"/>.</item>
/// <item><b>LocalDensityCv</b>: square cells of side s = <see cref="LocalGridMm"/> ÷ nominal mm-per-px,
/// cell (i, j) holding pixels with ⌊x/s⌋ = i, ⌊y/s⌋ = j; cells with |V ∩ cell| ≥
/// <see cref="LocalGridMinFill"/>·s² enter; density = counted dots whose rounded centre is in the cell
/// ÷ |V ∩ cell|; population SD ÷ mean over entering cells (0 when fewer than 2 cells).</item>
/// </list>
/// </summary>
public static class TruthDefinitions
{
    /// <summary>Sub-samples per pixel side for antialiasing and the pigment fraction.</summary>
    public const int Supersampling = 4;

    /// <summary>Dots whose effective opacity is below this are treated as invisible (not counted).</summary>
    public const double MinVisibleOpacity = 0.3;

    /// <summary>Local-density grid cell side, mm.</summary>
    public const double LocalGridMm = 5.0;

    /// <summary>Minimum fraction of a grid cell that must be treated visible scalp.</summary>
    public const double LocalGridMinFill = 0.5;

    /// <summary>
    /// Smallest rendered a* rise over the same photo's healthy skin for a redness region to be labelled: about
    /// twice the CIELAB just-noticeable difference (ΔE ≈ 2.3 over a patch that also holds normal skin); fainter
    /// erythema is not a finding a practitioner could see (the analysis keeps redness flags from the same floor).
    /// </summary>
    public const double MinVisibleRednessDeltaA = 2.0;

    /// <summary>Hair label threshold: a pixel is Hair when hair coverage is at least this.</summary>
    public const double HairCoverageThreshold = 0.5;
}
