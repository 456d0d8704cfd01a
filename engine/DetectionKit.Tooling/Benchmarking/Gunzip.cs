using System.IO.Compression;

namespace DetectionKit.Tooling.Benchmarking;

/// <summary>The first line of the table: reading and decompressing the files, nothing else.</summary>
internal static class Gunzip
{
    /// <summary>Decompresses every file (plain files are only read) and returns the JSON bytes they hold.</summary>
    public static long Run(IReadOnlyList<string> files)
    {
        var buffer = new byte[128 * 1024];
        long total = 0;
        foreach (var file in files)
        {
            using var input = File.OpenRead(file);
            using var json = IsGzip(input) ? new GZipStream(input, CompressionMode.Decompress) : (Stream)input;
            int read;
            while ((read = json.Read(buffer)) > 0)
            {
                total += read;
            }
        }

        return total;
    }

    /// <summary>Gzip is told by content, as the readers tell it; the stream is left at its start.</summary>
    public static bool IsGzip(Stream input)
    {
        Span<byte> magic = stackalloc byte[2];
        var read = input.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        input.Position = 0;
        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }
}
