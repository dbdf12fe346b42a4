using System.Text.Json;
using ProgressVision.Cli.Tests.Clinic;

namespace ProgressVision.Cli.Tests.Commands;

/// <summary><c>progressvision info</c> on the committed synthetic sample (its Exif was written by hand, see TestImages).</summary>
public sealed class InfoCommandTests
{
    private static string Sample() =>
        Path.Combine(RepoPaths.Root(), "tests", "ProgressVision.Imaging.Tests", "TestImages", "synthetic-scalp-320x240.jpg");

    [Fact]
    public void JsonReportsTheFactsWrittenIntoTheFile()
    {
        var (code, console) = CapturingConsole.Run("info", Sample(), "--format", "json");
        Assert.Equal(ExitCodes.Ok, code);
        using var doc = JsonDocument.Parse(console.Out);
        var r = doc.RootElement;
        Assert.Equal("jpeg", r.GetProperty("format").GetString());
        Assert.Equal(320, r.GetProperty("width").GetInt32());
        Assert.Equal(240, r.GetProperty("height").GetInt32());
        Assert.Equal(1, r.GetProperty("orientation").GetInt32());
        Assert.Equal("2026-01-15T10:30:00", r.GetProperty("captureDate").GetString());
        Assert.Equal("ProgressVision", r.GetProperty("cameraMake").GetString());
        Assert.Equal("Synthetic scalp sample", r.GetProperty("cameraModel").GetString());
        Assert.False(r.GetProperty("hasGps").GetBoolean());
    }

    [Fact]
    public void TextListsGpsAndSize()
    {
        var (code, console) = CapturingConsole.Run("info", Sample());
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("320x240", console.Out);
        Assert.Contains("GPS present", console.Out);
    }

    [Fact]
    public void MissingOrCorruptFileIsBadInput()
    {
        var (code, console) = CapturingConsole.Run("info", "/definitely/missing.jpg");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("missing.jpg", console.Err);

        string junk = Path.Combine(Path.GetTempPath(), $"pv-info-{Environment.ProcessId}.jpg");
        File.WriteAllBytes(junk, [0xFF, 0xD8, 0xFF, 0xC0, 0x00]);
        try
        {
            (code, console) = CapturingConsole.Run("info", junk);
            Assert.Equal(ExitCodes.BadInput, code);
            Assert.Contains(junk, console.Err);
        }
        finally
        {
            File.Delete(junk);
        }
    }
}
