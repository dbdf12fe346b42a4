using PdfSharp;

namespace ProgressVision.Reports.Pdf;

/// <summary>
/// PDFsharp 6.5 refuses to save until a licence is chosen: AGPL-3.0 (which requires the whole
/// program to be distributed under the AGPL) or a commercial licence file. This is the one place
/// that chooses. With <c>PROGRESSVISION_PDFSHARP_LICENSE</c> set to a licence file, that
/// (commercial) licence is loaded; otherwise the AGPL licence is selected, which suits an
/// open-source build of ProgressVision. A closed-source distribution must set the variable.
/// </summary>
public static class PdfLicensing
{
    /// <summary>Environment variable naming a commercial PDFsharp licence file.</summary>
    public const string LicenseFileVariable = "PROGRESSVISION_PDFSHARP_LICENSE";

    private static readonly Lock Gate = new();
    private static bool _done;

    /// <summary>Selects the licence once per process.</summary>
    /// <exception cref="InvalidOperationException">The named licence file is missing or invalid.</exception>
    public static void EnsureChosen()
    {
        lock (Gate)
        {
            if (_done)
            {
                return;
            }

            if (Environment.GetEnvironmentVariable(LicenseFileVariable) is { Length: > 0 } file)
            {
                if (!File.Exists(file))
                {
                    throw new InvalidOperationException($"{file}: PDFsharp licence file named by {LicenseFileVariable} not found.");
                }

                PdfSharpLicense.LoadLicense(file);
            }
            else
            {
                PdfSharpLicense.SetAgplLicense();
            }

            _done = true;
        }
    }
}
