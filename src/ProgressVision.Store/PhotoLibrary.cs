using System.Security.Cryptography;

namespace ProgressVision.Store;

/// <summary>
/// The managed photo library: a copy of every imported photo, named by its SHA-256
/// (<c>ab/abcdef….jpg</c>), written once and marked read-only. History is read from here, so later
/// edits or deletions of the original files cannot change it.
/// </summary>
public sealed class PhotoLibrary
{
    /// <summary>Largest photo accepted (a bomb guard for the copy; decoders apply their own limits).</summary>
    public const long MaxPhotoBytes = 256L << 20;

    internal PhotoLibrary(string folder) => Folder = folder;

    /// <summary>The library folder.</summary>
    public string Folder { get; }

    /// <summary>Absolute path of a library file recorded as <paramref name="libraryFile"/>.</summary>
    public string Resolve(string libraryFile) => Path.Combine(Folder, libraryFile.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Reads a photo file and hashes it.</summary>
    /// <exception cref="StoreException">Missing, unreadable, empty or too large.</exception>
    public static (byte[] Bytes, string Sha256) ReadAndHash(string path)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new StoreException(StoreProblem.MissingFile, $"{path}: photo file not found.");
            }

            if (info.Length > MaxPhotoBytes)
            {
                throw new StoreException(StoreProblem.Invalid, $"{path}: {info.Length} bytes is larger than the {MaxPhotoBytes >> 20} MiB a photo may have.");
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreException(StoreProblem.MissingFile, $"{path}: cannot read the photo ({ex.Message}).", ex);
        }

        if (bytes.Length == 0)
        {
            throw new StoreException(StoreProblem.Invalid, $"{path}: the photo file is empty.");
        }

        return (bytes, Sha256Hex(bytes));
    }

    /// <summary>Lower-case hex SHA-256 of <paramref name="bytes"/>.</summary>
    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>
    /// Stores <paramref name="bytes"/> under its hash. Returns the relative library name and whether
    /// the file was created now (the caller deletes it again if its transaction fails).
    /// </summary>
    internal (string LibraryFile, bool Created) Add(byte[] bytes, string sha256, string sourcePath)
    {
        string ext = Path.GetExtension(sourcePath).ToLowerInvariant();
        if (ext.Length is 0 or > 6 || !ext[1..].All(char.IsAsciiLetterOrDigit))
        {
            ext = ".img";
        }

        string relative = $"{sha256[..2]}/{sha256}{ext}";
        string full = Resolve(relative);
        try
        {
            if (File.Exists(full))
            {
                return (relative, false);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            // Write beside, then rename: a kill mid-copy never leaves a truncated file under the final name.
            string temp = full + $".{Environment.ProcessId}.tmp";
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, full, overwrite: false);
            File.SetAttributes(full, File.GetAttributes(full) | FileAttributes.ReadOnly);
            return (relative, true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreException(StoreProblem.CannotOpen, $"{Folder}: cannot write to the photo library ({ex.Message}).", ex);
        }
    }

    /// <summary>Deletes a file this process just created (rollback of a failed import).</summary>
    internal void Remove(string libraryFile)
    {
        string full = Resolve(libraryFile);
        try
        {
            if (File.Exists(full))
            {
                File.SetAttributes(full, FileAttributes.Normal);
                File.Delete(full);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: an orphan file is harmless (content-addressed, never referenced).
        }
    }

    /// <summary>Reads a library file and checks it still has the recorded hash.</summary>
    /// <exception cref="StoreException">Missing (<see cref="StoreProblem.MissingFile"/>) or changed (<see cref="StoreProblem.Tampered"/>).</exception>
    public byte[] ReadVerified(string libraryFile, string sha256)
    {
        string full = Resolve(libraryFile);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreException(StoreProblem.MissingFile, $"{full}: photo missing from the library ({ex.Message}).", ex);
        }

        string actual = Sha256Hex(bytes);
        if (actual != sha256)
        {
            throw new StoreException(StoreProblem.Tampered, $"{full}: the library copy was changed after import (SHA-256 {actual}, recorded {sha256}).");
        }

        return bytes;
    }
}
