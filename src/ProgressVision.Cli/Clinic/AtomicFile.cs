namespace ProgressVision.Cli.Clinic;

/// <summary>Writes output files so that a reader (or a crash) never sees half a file.</summary>
public static class AtomicFile
{
    /// <summary>Writes beside the target, then renames over it.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        string full = Path.GetFullPath(path);
        string? dir = Path.GetDirectoryName(full);
        try
        {
            if (dir is not null)
            {
                Directory.CreateDirectory(dir);
            }

            string temp = full + $".{Environment.ProcessId}.tmp";
            File.WriteAllBytes(temp, bytes.ToArray());
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.BadInput, $"{full}: cannot write ({ex.Message}).", ex);
        }
    }

    /// <summary>UTF-8 text version of <see cref="WriteAllBytes"/>.</summary>
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(text));
}
