using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace ProgressVision.Imaging.Tests.Oracles;

/// <summary>Minimal NumPy .npy (format 1.0/2.0) reader/writer for exchanging arrays with the OpenCV oracle.</summary>
public static partial class Npy
{
    public static void Write<T>(string path, ReadOnlySpan<T> data, params int[] shape) where T : unmanaged
    {
        string descr = typeof(T) == typeof(float) ? "<f4" : typeof(T) == typeof(double) ? "<f8" : typeof(T) == typeof(byte) ? "|u1" : typeof(T) == typeof(int) ? "<i4" : throw new NotSupportedException(typeof(T).Name);
        string dims = shape.Length == 1 ? $"{shape[0]}," : string.Join(", ", shape);
        string header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({dims}), }}";

        // Pad so magic(6)+version(2)+len(2)+header is a multiple of 64, ending with '\n'.
        int total = 10 + header.Length + 1;
        header += new string(' ', (64 - (total % 64)) % 64) + "\n";
        using var f = File.Create(path);
        f.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        f.Write(BitConverter.GetBytes((ushort)header.Length));
        f.Write(Encoding.ASCII.GetBytes(header));
        f.Write(MemoryMarshal.AsBytes(data));
    }

    public static (T[] Data, int[] Shape) Read<T>(string path) where T : unmanaged
    {
        byte[] all = File.ReadAllBytes(path);
        int major = all[6];
        int headerLen = major == 1 ? BitConverter.ToUInt16(all, 8) : BitConverter.ToInt32(all, 8);
        int start = major == 1 ? 10 : 12;
        string header = Encoding.ASCII.GetString(all, start, headerLen);
        string descr = DescrRegex().Match(header).Groups[1].Value;
        string expected = typeof(T) == typeof(float) ? "<f4" : typeof(T) == typeof(double) ? "<f8" : typeof(T) == typeof(byte) ? "|u1" : typeof(T) == typeof(int) ? "<i4" : "?";
        if (descr != expected)
        {
            throw new InvalidDataException($"{path}: dtype {descr}, expected {expected}.");
        }

        var shape = ShapeRegex().Match(header).Groups[1].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var data = MemoryMarshal.Cast<byte, T>(all.AsSpan(start + headerLen)).ToArray();
        return (data, shape);
    }

    [GeneratedRegex(@"'descr':\s*'([^']+)'")]
    private static partial Regex DescrRegex();

    [GeneratedRegex(@"'shape':\s*\(([^)]*)\)")]
    private static partial Regex ShapeRegex();
}
