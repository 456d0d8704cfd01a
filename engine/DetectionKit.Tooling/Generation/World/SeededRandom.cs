namespace DetectionKit.Tooling.Generation.World;

/// <summary>
/// xoshiro256** seeded through SplitMix64. The generator's own algorithm rather than
/// <see cref="Random"/>, whose seeded sequence .NET does not promise to keep across versions: the
/// same seed has to give the same bytes on every runtime.
/// </summary>
internal sealed class SeededRandom
{
    private ulong s0;
    private ulong s1;
    private ulong s2;
    private ulong s3;

    public SeededRandom(long seed)
    {
        var x = unchecked((ulong)seed);
        s0 = SplitMix(ref x);
        s1 = SplitMix(ref x);
        s2 = SplitMix(ref x);
        s3 = SplitMix(ref x);
    }

    public ulong NextUInt64()
    {
        var result = RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    /// <summary>0 ≤ value &lt; <paramref name="maxExclusive"/>.</summary>
    public int Next(int maxExclusive) => maxExclusive <= 1 ? 0 : (int)(NextUInt64() % (ulong)maxExclusive);

    /// <summary><paramref name="min"/> ≤ value ≤ <paramref name="maxInclusive"/>.</summary>
    public int Between(int min, int maxInclusive) => min + Next(maxInclusive - min + 1);

    /// <summary>0 ≤ value &lt; 1, from the top 53 bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>A waiting time with the given mean, as between independent arrivals.</summary>
    public double Exponential(double mean) => -mean * Math.Log(1.0 - NextDouble());

    /// <summary>Lower-case hexadecimal digits.</summary>
    public string Hex(int length) => Draw(length, "0123456789abcdef");

    /// <summary>Upper-case letters and digits, as in IAM unique ids and access key ids.</summary>
    public string UpperAlphanumeric(int length) => Draw(length, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");

    /// <summary>A version 4 UUID in its canonical text form.</summary>
    public string Uuid()
    {
        var hex = Hex(32).ToCharArray();
        hex[12] = '4';
        hex[16] = "89ab"[Next(4)];
        var text = new string(hex);
        return $"{text[..8]}-{text[8..12]}-{text[12..16]}-{text[16..20]}-{text[20..]}";
    }

    private string Draw(int length, string alphabet)
    {
        return string.Create(length, (this, alphabet), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = state.alphabet[state.Item1.Next(state.alphabet.Length)];
            }
        });
    }

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong value, int bits) => (value << bits) | (value >> (64 - bits));
}
