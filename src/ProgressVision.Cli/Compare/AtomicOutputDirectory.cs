namespace ProgressVision.Cli.Compare;

/// <summary>
/// An output directory written all-or-nothing: everything goes to a temporary sibling directory that
/// is renamed into place only when complete, so an interrupted or failed run never leaves a directory
/// that looks like a finished result. A marker file, written last, identifies an earlier output of the
/// same command, which may be replaced; any other non-empty directory is refused.
/// </summary>
public static class AtomicOutputDirectory
{
    /// <summary>
    /// Calls <paramref name="writeFiles"/> with an empty temporary directory, then writes the marker with
    /// <paramref name="writeMarker"/> and moves the directory to <paramref name="outDir"/>.
    /// </summary>
    /// <exception cref="CliException">The output directory exists, is not empty and holds no <paramref name="markerFile"/>.</exception>
    public static void Write(string outDir, string markerFile, string command, Action<string> writeFiles, Action<string> writeMarker)
    {
        string full = Path.GetFullPath(outDir);
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any() && !File.Exists(Path.Combine(full, markerFile)))
        {
            throw new CliException(ExitCodes.Usage, $"{outDir}: exists and is not an earlier {command} output; choose an empty or new directory");
        }

        string parent = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(parent);
        string temp = Path.Combine(parent, $".{Path.GetFileName(full)}.partial-{Environment.ProcessId}");
        if (Directory.Exists(temp))
        {
            Directory.Delete(temp, true);
        }

        Directory.CreateDirectory(temp);
        try
        {
            writeFiles(temp);

            // The marker last: it is what says the output is complete.
            writeMarker(Path.Combine(temp, markerFile));
            if (Directory.Exists(full))
            {
                Directory.Delete(full, true);
            }

            Directory.Move(temp, full);
        }
        catch
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, true);
            }

            throw;
        }
    }
}
