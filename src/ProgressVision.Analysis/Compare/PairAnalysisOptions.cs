using ProgressVision.Analysis.Healing;
using ProgressVision.Analysis.Registration;

namespace ProgressVision.Analysis.Compare;

/// <summary>Settings of one BEFORE/AFTER comparison.</summary>
public sealed record PairAnalysisOptions
{
    /// <summary>Millimetres per pixel of the BEFORE photo, when known (enables dots/cm² and mm² gaps).</summary>
    public double? MmPerPx { get; init; }

    /// <summary>Date of the session whose healing the AFTER photo shows (the last session before it).</summary>
    public DateOnly? LastSessionDate { get; init; }

    /// <summary>Date the AFTER photo was taken; defaults to its EXIF capture date.</summary>
    public DateOnly? AfterPhotoDate { get; init; }

    /// <summary>Date the BEFORE photo was taken; defaults to its EXIF capture date.</summary>
    public DateOnly? BeforePhotoDate { get; init; }

    /// <summary>Clinic targets and healing windows.</summary>
    public ClinicTargets Targets { get; init; } = ClinicTargets.Default;

    /// <summary>Registration settings.</summary>
    public RegistrationOptions? Registration { get; init; }

    /// <summary>
    /// A known AFTER→BEFORE alignment used instead of registering the photos. Accuracy tests on synthetic
    /// pairs set the exact mapping so they measure everything downstream of alignment on its own.
    /// </summary>
    internal Alignment? KnownAlignment { get; init; }

    /// <summary>Smallest side, in pixels, a photo must have to be analysed.</summary>
    public int MinDimension { get; init; } = 256;

    /// <summary>Program version written into results.</summary>
    public string Version { get; init; } = "0.0.0";
}
