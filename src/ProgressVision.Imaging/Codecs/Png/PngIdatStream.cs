namespace ProgressVision.Imaging.Codecs.Png;

/// <summary>
/// A read-only stream over the data of the IDAT chunks, in file order, so one zlib stream split across
/// many chunks (PNG 2nd ed. §10.1) can be inflated without first copying it into one buffer.
/// </summary>
internal sealed class PngIdatStream : Stream
{
    private readonly ReadOnlyMemory<byte> _file;
    private readonly List<(int Offset, int Length)> _segments;
    private int _segment;
    private int _inSegment;

    public PngIdatStream(ReadOnlyMemory<byte> file, List<(int Offset, int Length)> segments)
    {
        _file = file;
        _segments = segments;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int written = 0;
        while (written < buffer.Length && _segment < _segments.Count)
        {
            var (off, len) = _segments[_segment];
            int n = Math.Min(len - _inSegment, buffer.Length - written);
            _file.Span.Slice(off + _inSegment, n).CopyTo(buffer[written..]);
            written += n;
            _inSegment += n;
            if (_inSegment == len)
            {
                _segment++;
                _inSegment = 0;
            }
        }

        return written;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
