using System.Text;

namespace DetectionKit.Cli.Hosting;

/// <summary>
/// A write-only stream that decodes UTF-8 into a <see cref="TextWriter"/>, so byte writers (JSON,
/// gzip-free record files) can stream to the command's output whether it is the console or a test's string.
/// </summary>
internal sealed class TextWriterStream(TextWriter writer) : Stream
{
    private readonly Decoder decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetDecoder();
    private char[] chars = new char[4096];

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        // The decoder keeps a multi-byte character split across writes until its last byte arrives.
        var needed = decoder.GetCharCount(buffer, flush: false);
        if (needed > chars.Length)
        {
            chars = new char[needed];
        }

        var decoded = decoder.GetChars(buffer, chars, flush: false);
        writer.Write(chars, 0, decoded);
    }

    public override void Flush() => writer.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
