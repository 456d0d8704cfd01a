namespace DetectionKit.Tooling.Generation.World;

/// <summary>
/// Identifiers derived from a name by a fixed hash, so a role or user keeps the same unique id in
/// every record without the world having to list them all up front.
/// </summary>
internal static class StableIds
{
    private const string Base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>An IAM unique id such as <c>AROA…</c> (roles) or <c>AIDA…</c> (users): the prefix and 17 characters.</summary>
    public static string Iam(string prefix, string name, long seed) => prefix + Draw($"{seed}|{prefix}|{name}", 17, Base32);

    public static string Hex(string name, int length, long seed) => Draw($"{seed}|hex|{name}", length, "0123456789abcdef");

    private static string Draw(string text, int length, string alphabet)
    {
        // FNV-1a over the text, then a SplitMix64 stream from it: stable across runtimes, unlike string.GetHashCode.
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            hash += 0x9E3779B97F4A7C15UL;
            var z = hash;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            chars[i] = alphabet[(int)((z ^ (z >> 31)) % (ulong)alphabet.Length)];
        }

        return new string(chars);
    }
}
