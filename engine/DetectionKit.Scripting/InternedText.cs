using System.Text;

namespace DetectionKit.Scripting;

/// <summary>
/// The text of field values that repeat from record to record (<c>eventName</c>, the region, the
/// account, the identity type, the user agent), decoded once per thread and shared: reading them
/// then allocates nothing. Bounded: long values and values past the table's capacity are decoded
/// afresh each time, so records that invent names cannot grow it.
/// </summary>
internal static class InternedText
{
    private const int Slots = 8192;
    private const int MaxEntries = Slots / 2;
    private const int MaxBytes = 256;
    private const int MaxProbes = 8;

    [ThreadStatic]
    private static Entry[]? table;

    [ThreadStatic]
    private static int entries;

    /// <summary>The string the UTF-8 bytes (without escapes) spell.</summary>
    public static string Of(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxBytes)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        var slots = table ??= new Entry[Slots];
        var hasher = default(HashCode);
        hasher.AddBytes(utf8);
        var hash = hasher.ToHashCode();
        var index = hash & (Slots - 1);
        for (var probe = 0; probe < MaxProbes; probe++, index = (index + 1) & (Slots - 1))
        {
            ref var entry = ref slots[index];
            if (entry.Key is null)
            {
                var text = Encoding.UTF8.GetString(utf8);
                if (entries < MaxEntries)
                {
                    entry = new Entry(hash, utf8.ToArray(), text);
                    entries++;
                }

                return text;
            }

            if (entry.Hash == hash && utf8.SequenceEqual(entry.Key))
            {
                return entry.Text;
            }
        }

        return Encoding.UTF8.GetString(utf8);
    }

    private readonly record struct Entry(int Hash, byte[] Key, string Text);
}
