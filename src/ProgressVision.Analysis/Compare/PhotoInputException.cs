namespace ProgressVision.Analysis.Compare;

/// <summary>
/// A photo decodes but cannot be analysed as one scalp photo: too small, no colour, or a before/after
/// composite. The message names the file and the problem.
/// </summary>
public sealed class PhotoInputException(string file, string problem) : Exception($"{file}: {problem}")
{
    /// <summary>The photo.</summary>
    public string File { get; } = file;

    /// <summary>What is wrong.</summary>
    public string Problem { get; } = problem;
}
