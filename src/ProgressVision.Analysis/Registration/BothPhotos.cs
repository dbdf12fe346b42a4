using System.Runtime.ExceptionServices;

namespace ProgressVision.Analysis.Registration;

/// <summary>
/// Runs the same independent step for BEFORE and AFTER at once (one per core) and, if a step fails,
/// rethrows its exception as itself rather than wrapped, as if the two had run one after the other.
/// </summary>
internal static class BothPhotos
{
    /// <summary>Runs <paramref name="before"/> and <paramref name="after"/> concurrently and waits for both.</summary>
    public static void Run(Action before, Action after)
    {
        try
        {
            Parallel.Invoke(before, after);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
            throw;
        }
    }
}
