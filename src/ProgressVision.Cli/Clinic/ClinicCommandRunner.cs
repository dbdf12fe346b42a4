using ProgressVision.Cli.Interaction;
using ProgressVision.Imaging;
using ProgressVision.Store;

namespace ProgressVision.Cli.Clinic;

/// <summary>
/// Runs a clinic command body and turns the failures a user can act on into one error line and a
/// named exit code (store problems → <see cref="ExitCodes.StoreError"/>, bad files → <see cref="ExitCodes.BadInput"/>).
/// </summary>
public static class ClinicCommandRunner
{
    /// <summary>Runs <paramref name="body"/>; returns its exit code or the mapped failure code.</summary>
    public static int Run(IConsoleInteraction console, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (CliException ex)
        {
            console.Error(ex.Message);
            return ex.ExitCode;
        }
        catch (StoreException ex)
        {
            console.Error(ex.Message);
            return ex.Problem is StoreProblem.MissingFile or StoreProblem.Invalid or StoreProblem.Duplicate ? ExitCodes.BadInput : ExitCodes.StoreError;
        }
        catch (InvalidImageException ex)
        {
            console.Error(ex.Message);
            return ExitCodes.BadInput;
        }
        catch (UnsupportedImageFeatureException ex)
        {
            console.Error(ex.Message);
            return ExitCodes.BadInput;
        }
        catch (ProgressVision.Analysis.Compare.PhotoInputException ex)
        {
            console.Error(ex.Message);
            return ExitCodes.BadInput;
        }
        catch (ProgressVision.Analysis.AlignmentFailedException ex)
        {
            console.Error(ex.Message);
            return ExitCodes.AlignmentFailed;
        }
        catch (ProgressVision.Analysis.Healing.HealingModelException ex)
        {
            console.Error(ex.Message);
            return ExitCodes.InferenceFailed;
        }
        catch (ProgressVision.Onnx.OnnxRuntimeException ex)
        {
            // Includes OnnxRuntimeLibraryException (library missing or not loadable), whose message lists the paths tried.
            console.Error($"ONNX Runtime failed: {ex.Message}");
            return ExitCodes.InferenceFailed;
        }
        catch (OperationCanceledException)
        {
            console.Error("cancelled; finished work is kept (run the command again to continue).");
            return ExitCodes.Failure;
        }
    }
}
