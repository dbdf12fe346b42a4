using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace ProgressVision.Imaging.Codecs.Exif;

/// <summary>What <see cref="ExifReader"/> found; fields stay at their defaults when absent or unreadable.</summary>
internal sealed record ExifData(int Orientation, DateTime? CaptureDate, string? Make, string? Model, bool HasGps)
{
    /// <summary>No Exif.</summary>
    public static ExifData Empty { get; } = new(1, null, null, null, false);
}

/// <summary>
/// Reads the Exif TIFF structure (Exif 2.3 §4.5/4.6, TIFF 6.0 §2): header, IFD0, the Exif IFD and the
/// GPS IFD pointer. Every offset and count is bounds-checked; a broken entry is skipped, never
/// thrown, because a camera's bad metadata must not stop a photo from loading.
/// </summary>
internal static class ExifReader
{
    private const int MaxEntriesPerIfd = 1000;

    /// <summary>Parses the payload of a JPEG APP1 segment (starting with "Exif\0\0").</summary>
    public static ExifData ReadApp1(ReadOnlySpan<byte> app1Payload)
    {
        ReadOnlySpan<byte> magic = "Exif\0\0"u8;
        if (!app1Payload.StartsWith(magic))
        {
            return ExifData.Empty;
        }

        return ReadTiff(app1Payload.Slice(magic.Length));
    }

    /// <summary>True when an APP1 payload is Exif.</summary>
    public static bool IsExifApp1(ReadOnlySpan<byte> app1Payload) => app1Payload.StartsWith("Exif\0"u8);

    /// <summary>Parses a TIFF-structured Exif block (also the payload of a PNG eXIf chunk).</summary>
    public static ExifData ReadTiff(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8)
        {
            return ExifData.Empty;
        }

        bool little;
        if (tiff[0] == (byte)'I' && tiff[1] == (byte)'I')
        {
            little = true;
        }
        else if (tiff[0] == (byte)'M' && tiff[1] == (byte)'M')
        {
            little = false;
        }
        else
        {
            return ExifData.Empty;
        }

        var r = new TiffView(tiff, little);
        if (r.U16(2) != 42)
        {
            return ExifData.Empty;
        }

        int orientation = 1;
        string? make = null;
        string? model = null;
        DateTime? dateTime = null;
        DateTime? original = null;
        bool hasGps = false;
        long exifIfd = -1;

        long ifd0 = r.U32(4);
        foreach (var e in r.Entries(ifd0))
        {
            switch (e.Tag)
            {
                case ExifTags.Orientation when e.Type == ExifTags.TypeShort:
                    int o = r.U16(e.ValueOffset);
                    if (o is >= 1 and <= 8)
                    {
                        orientation = o;
                    }

                    break;
                case ExifTags.Make:
                    make = r.Ascii(e);
                    break;
                case ExifTags.Model:
                    model = r.Ascii(e);
                    break;
                case ExifTags.DateTime:
                    dateTime = ParseDate(r.Ascii(e));
                    break;
                case ExifTags.ExifIfdPointer when e.Type is ExifTags.TypeLong or ExifTags.TypeIfd:
                    exifIfd = r.U32(e.ValueOffset);
                    break;
                case ExifTags.GpsIfdPointer when e.Type is ExifTags.TypeLong or ExifTags.TypeIfd:
                    // Present only if the pointer leads to a readable IFD with at least one entry.
                    long gps = r.U32(e.ValueOffset);
                    hasGps = r.EntryCount(gps) > 0;
                    break;
            }
        }

        if (exifIfd > 0 && exifIfd != ifd0)
        {
            foreach (var e in r.Entries(exifIfd))
            {
                if (e.Tag == ExifTags.DateTimeOriginal)
                {
                    original = ParseDate(r.Ascii(e));
                }
            }
        }

        return new ExifData(orientation, original ?? dateTime, make, model, hasGps);
    }

    /// <summary>Parses "YYYY:MM:DD HH:MM:SS" (Exif 2.3 §4.6.4 DateTime); null for blanks or nonsense.</summary>
    internal static DateTime? ParseDate(string? text)
    {
        if (text is null || text.Length < 19)
        {
            return null;
        }

        return DateTime.TryParseExact(text.AsSpan(0, 19), "yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture,
            DateTimeStyles.None, out var d)
            ? d
            : null;
    }

    private readonly record struct IfdEntry(ushort Tag, ushort Type, uint Count, int ValueOffset);

    private readonly ref struct TiffView(ReadOnlySpan<byte> data, bool little)
    {
        private readonly ReadOnlySpan<byte> _data = data;

        public int U16(long at) =>
            at < 0 || at + 2 > _data.Length ? -1
            : little ? BinaryPrimitives.ReadUInt16LittleEndian(_data.Slice((int)at)) : BinaryPrimitives.ReadUInt16BigEndian(_data.Slice((int)at));

        public long U32(long at) =>
            at < 0 || at + 4 > _data.Length ? -1
            : little ? BinaryPrimitives.ReadUInt32LittleEndian(_data.Slice((int)at)) : BinaryPrimitives.ReadUInt32BigEndian(_data.Slice((int)at));

        public int EntryCount(long ifd)
        {
            if (ifd < 8 || ifd + 2 > _data.Length)
            {
                return 0;
            }

            int n = U16(ifd);
            long room = (_data.Length - (ifd + 2)) / 12;
            return (int)Math.Min(Math.Min(n, room), MaxEntriesPerIfd);
        }

        public List<IfdEntry> Entries(long ifd)
        {
            int n = EntryCount(ifd);
            var list = new List<IfdEntry>(n);
            for (int i = 0; i < n; i++)
            {
                long at = ifd + 2 + (i * 12L);
                list.Add(new IfdEntry((ushort)U16(at), (ushort)U16(at + 2), (uint)U32(at + 4), (int)(at + 8)));
            }

            return list;
        }

        public string? Ascii(IfdEntry e)
        {
            if (e.Type != ExifTags.TypeAscii || e.Count == 0 || e.Count > 4096)
            {
                return null;
            }

            // Values longer than 4 bytes live at an offset; short ones are inline (TIFF 6.0 §2).
            long start = e.Count <= 4 ? e.ValueOffset : U32(e.ValueOffset);
            if (start < 0 || start + e.Count > _data.Length)
            {
                return null;
            }

            var bytes = _data.Slice((int)start, (int)e.Count);
            int nul = bytes.IndexOf((byte)0);
            if (nul >= 0)
            {
                bytes = bytes.Slice(0, nul);
            }

            string s = Encoding.Latin1.GetString(bytes).Trim();
            return s.Length == 0 ? null : s;
        }
    }
}
