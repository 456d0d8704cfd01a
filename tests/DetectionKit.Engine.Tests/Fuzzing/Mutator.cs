using System.IO.Compression;
using System.Text;

namespace DetectionKit.Engine.Tests.Fuzzing;

/// <summary>
/// Mutations of real inputs: bit flips, bytes set to syntax characters, truncation, splices with
/// another seed, duplicated or removed ranges and tokens, deep nesting, huge numbers and strings,
/// invalid UTF-8; for YAML, anchors and aliases (bombs, self-references, forward references); for
/// gzip, damage to the header and trailer, cut streams, joined members and bombs.
/// </summary>
internal sealed class Mutator(Random random, bool yaml)
{
    /// <summary>Mutated inputs are kept under this size, so a case stays cheap.</summary>
    private const int MaxLength = 2 * 1024 * 1024;

    private static readonly byte[] SyntaxBytes = "{}[]\":,\\\n\r\t -#&*!|>'%@`?0e.+".Select(c => (byte)c).ToArray();

    private static readonly byte[][] InvalidUtf8 =
    [
        [0xFF], [0xC0, 0x80], [0x80], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0x00],
    ];

    private readonly List<string> applied = [];

    /// <summary>The mutations applied so far, for the failure message.</summary>
    public string Applied => string.Join("+", applied);

    /// <summary>One to three mutations of <paramref name="input"/>; <paramref name="other"/> is spliced in by some.</summary>
    public byte[] Mutate(byte[] input, byte[] other)
    {
        var data = input;
        var rounds = 1 + random.Next(3);
        for (var round = 0; round < rounds; round++)
        {
            data = Once(data, other);
            if (data.Length > MaxLength)
            {
                data = data[..MaxLength];
                applied.Add("cap");
            }
        }

        return data;
    }

    /// <summary>Gzip of <paramref name="data"/>, sometimes damaged, sometimes a bomb in its place.</summary>
    public byte[] Gzip(byte[] data)
    {
        var compressed = Compress(data);
        switch (random.Next(9))
        {
            case 0:
                applied.Add("gzip header damaged");
                compressed[random.Next(Math.Min(10, compressed.Length))] ^= (byte)(1 << random.Next(8));
                return compressed;
            case 1:
                applied.Add("gzip trailer damaged");
                compressed[compressed.Length - 1 - random.Next(Math.Min(8, compressed.Length))] ^= (byte)(1 << random.Next(8));
                return compressed;
            case 2:
                applied.Add("gzip cut short");
                return compressed[..random.Next(compressed.Length)];
            case 3:
                applied.Add("gzip members joined");
                return [.. compressed, .. Compress(data)];
            case 4:
                applied.Add("gzip with garbage after");
                return [.. compressed, .. RandomBytes(1 + random.Next(64))];
            case 5:
                applied.Add("gzip body flipped");
                compressed[random.Next(compressed.Length)] ^= (byte)(1 << random.Next(8));
                return compressed;
            case 6:
                applied.Add("gzip bomb");
                var bomb = new byte[(4 + random.Next(12)) * 1024 * 1024];
                bomb.AsSpan().Fill((byte)" [{0a\"".ToCharArray()[random.Next(6)]);
                data.AsSpan(0, Math.Min(data.Length, 100)).CopyTo(bomb);
                return Compress(bomb);
            default:
                applied.Add("gzip");
                return compressed;
        }
    }

    private byte[] Once(byte[] data, byte[] other)
    {
        var at = random.Next(data.Length + 1);
        switch (random.Next(yaml ? 14 : 12))
        {
            case 0:
                applied.Add("bit flips");
                data = (byte[])data.Clone();
                for (var i = 1 + random.Next(8); i > 0 && data.Length > 0; i--)
                {
                    data[random.Next(data.Length)] ^= (byte)(1 << random.Next(8));
                }

                return data;
            case 1:
                applied.Add("syntax bytes");
                data = (byte[])data.Clone();
                for (var i = 1 + random.Next(4); i > 0 && data.Length > 0; i--)
                {
                    data[random.Next(data.Length)] = SyntaxBytes[random.Next(SyntaxBytes.Length)];
                }

                return data;
            case 2:
                applied.Add("truncated");
                return data[..at];
            case 3:
                applied.Add("spliced");
                return [.. data[..at], .. other[random.Next(other.Length + 1)..]];
            case 4:
                applied.Add("range repeated");
                var (start, end) = Range(data);
                var copies = random.Next(4) == 0 ? 100 + random.Next(2000) : 1 + random.Next(3);
                var repeated = Enumerable.Repeat(data[start..end], copies).SelectMany(b => b).Take(MaxLength).ToArray();
                return [.. data[..end], .. repeated, .. data[end..]];
            case 5:
                applied.Add("range removed");
                var (from, to) = Range(data);
                return [.. data[..from], .. data[to..]];
            case 6:
                applied.Add("token repeated or removed");
                var (tokenStart, tokenEnd) = Token(data, at);
                return random.Next(2) == 0 ? [.. data[..tokenEnd], .. data[tokenStart..tokenEnd], .. data[tokenEnd..]] : [.. data[..tokenStart], .. data[tokenEnd..]];
            case 7:
                applied.Add("deep nesting");
                var depth = random.Next(3) == 0 ? 10_000 + random.Next(100_000) : 10 + random.Next(500);
                var opener = yaml ? new[] { "[", "{a: ", "- ", "\n  - " }[random.Next(4)] : new[] { "[", "{\"a\":", "{\"Records\":[" }[random.Next(3)];
                return Insert(data, at, Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(opener, depth))));
            case 8:
                applied.Add("huge number");
                var number = random.Next(3) switch
                {
                    0 => new string('9', 1 + random.Next(200_000)),
                    1 => "1e" + new string('9', 1 + random.Next(20)),
                    _ => "-0." + new string('0', random.Next(5000)) + "1e-99999",
                };
                return Insert(data, at, Encoding.ASCII.GetBytes(number));
            case 9:
                applied.Add("huge string");
                var text = "\"" + new string((char)('a' + random.Next(26)), random.Next(1_000_000)) + (random.Next(4) == 0 ? string.Empty : "\"");
                return Insert(data, at, Encoding.ASCII.GetBytes(text));
            case 10:
                applied.Add("invalid UTF-8");
                return Insert(data, at, InvalidUtf8[random.Next(InvalidUtf8.Length)]);
            case 11:
                applied.Add("blank lines and spaces");
                return Insert(data, at, Encoding.ASCII.GetBytes(new string(random.Next(2) == 0 ? '\n' : ' ', random.Next(100_000))));
            case 12:
                applied.Add("anchor and aliases");
                var name = "x" + random.Next(3);
                var anchored = Insert(data, at, Encoding.ASCII.GetBytes($"&{name} "));
                var aliases = string.Concat(Enumerable.Repeat($"*{name}, ", 1 + random.Next(20)));
                return Insert(anchored, random.Next(anchored.Length + 1), Encoding.ASCII.GetBytes(random.Next(2) == 0 ? $"[{aliases}]" : $"*{name}"));
            default:
                applied.Add("alias bomb");
                var bomb = new StringBuilder("\nb0: &b0 [lol, lol]\n");
                for (var level = 1; level <= 6 + random.Next(10); level++)
                {
                    bomb.Append($"b{level}: &b{level} [{string.Join(", ", Enumerable.Repeat($"*b{level - 1}", 10))}]\n");
                }

                return random.Next(2) == 0 ? [.. data, .. Encoding.ASCII.GetBytes(bomb.ToString())] : Insert(data, at, Encoding.ASCII.GetBytes(bomb.ToString()));
        }
    }

    private (int Start, int End) Range(byte[] data)
    {
        var start = random.Next(data.Length + 1);
        return (start, Math.Min(data.Length, start + random.Next(Math.Max(1, Math.Min(4096, data.Length - start + 1)))));
    }

    /// <summary>The token around <paramref name="at"/>: a run of letters and digits, or one other byte.</summary>
    private static (int Start, int End) Token(byte[] data, int at)
    {
        if (at >= data.Length)
        {
            return (data.Length, data.Length);
        }

        if (!IsWordByte(data[at]))
        {
            return (at, at + 1);
        }

        var start = at;
        var end = at;
        while (start > 0 && IsWordByte(data[start - 1]))
        {
            start--;
        }

        while (end < data.Length && IsWordByte(data[end]))
        {
            end++;
        }

        return (start, end);
    }

    private static bool IsWordByte(byte b) => b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'_' or (byte)'.';

    private static byte[] Insert(byte[] data, int at, byte[] inserted) => [.. data[..at], .. inserted, .. data[at..]];

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Compress(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
