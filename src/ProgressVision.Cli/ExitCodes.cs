namespace ProgressVision.Cli;

/// <summary>Named process exit codes.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>Unexpected internal failure.</summary>
    public const int Failure = 1;

    /// <summary>Bad command line.</summary>
    public const int Usage = 2;

    /// <summary>An input file is missing, unreadable, corrupt or unsupported.</summary>
    public const int BadInput = 3;

    /// <summary>The photos could not be aligned (they do not show the same area).</summary>
    public const int AlignmentFailed = 4;

    /// <summary>Database missing, locked or corrupt; unknown client.</summary>
    public const int StoreError = 5;

    /// <summary>ONNX Runtime or model failure.</summary>
    public const int InferenceFailed = 6;
}
