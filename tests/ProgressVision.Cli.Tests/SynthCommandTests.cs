using ProgressVision.Cli.Interaction;

namespace ProgressVision.Cli.Tests;

public sealed class SynthCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "pv-synth-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public void WritesOneFolderPerCaseWithPhotosMasksAndTruth()
    {
        var console = new RecordingConsole();
        int code = CommandLineApp.Run(["synth", "--out", _dir, "--cases", "2", "--seed", "3", "--preset", "easy", "--size", "160x120"], console);
        Assert.Equal(ExitCodes.Ok, code);
        var cases = Directory.GetDirectories(_dir).Select(d => Path.GetFileName(d)!).Order().ToArray();
        Assert.Equal(["easy-3", "easy-4"], cases);
        foreach (var name in new[] { "before.jpg", "after.jpg", "after.regions.png", "after.pigment.png", "case.truth.json" })
        {
            Assert.True(File.Exists(Path.Combine(_dir, "easy-3", name)), name);
        }
    }

    [Theory]
    [InlineData("--size", "12x9")]
    [InlineData("--preset", "impossible")]
    [InlineData("--format", "gif")]
    public void BadOptionsAreUsageErrorsNamingTheOption(string option, string value)
    {
        var console = new RecordingConsole();
        int code = CommandLineApp.Run(["synth", "--out", _dir, option, value], console);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(option, string.Join("\n", console.Errors), StringComparison.Ordinal);
    }

    private sealed class RecordingConsole : IConsoleInteraction
    {
        public List<string> Errors { get; } = [];

        public bool IsInteractive => false;

        public void Line(string text)
        {
        }

        public void Warning(string text)
        {
        }

        public void Error(string text) => Errors.Add(text);

        public void Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
        {
        }

        public T Progress<T>(string title, Func<IProgress<(double Fraction, string Status)>, T> work) => work(new Progress<(double, string)>());
    }
}
