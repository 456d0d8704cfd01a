using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace DetectionKit.Engine.Integrity;

/// <summary>
/// CloudTrail's public keys for digest signatures, read from the output of
/// <c>aws cloudtrail list-public-keys</c> (<c>{"PublicKeyList":[{"Value","ValidityStartTime","ValidityEndTime","Fingerprint"}]}</c>):
/// each value is a base64 DER RSA public key (PKCS#1), and its fingerprint the hex MD5 of those bytes,
/// checked on load so a key file cannot vouch for a key it does not hold. The SDK client for that call
/// is not available here, so the keys come from a file the user fetched with the AWS CLI.
/// </summary>
public sealed class PublicKeySet
{
    private readonly Dictionary<string, PublicKey> keys;

    private PublicKeySet(Dictionary<string, PublicKey> keys) => this.keys = keys;

    public int Count => keys.Count;

    /// <summary>
    /// Reads keys files, one per region (CloudTrail signs each region's digests with that region's key,
    /// and <c>list-public-keys</c> answers for one region); on failure, <paramref name="error"/> names
    /// the file, the key and what is wrong.
    /// </summary>
    public static bool TryLoad(IReadOnlyList<string> paths, [NotNullWhen(true)] out PublicKeySet? set, out string error)
    {
        set = null;
        error = string.Empty;
        var keys = new Dictionary<string, PublicKey>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in paths)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                error = $"{path}: cannot be read: {ex.Message}";
                return false;
            }

            if (!TryParse(bytes, path, out var one, out error))
            {
                return false;
            }

            foreach (var (fingerprint, key) in one.keys)
            {
                keys[fingerprint] = key;
            }
        }

        if (keys.Count == 0)
        {
            error = "no public keys file given";
            return false;
        }

        set = new PublicKeySet(keys);
        return true;
    }

    /// <param name="json">The file's content.</param>
    /// <param name="name">What to call the file in errors.</param>
    /// <param name="set">The keys, when they all read.</param>
    /// <param name="error">What is wrong, naming the file and the key.</param>
    public static bool TryParse(ReadOnlyMemory<byte> json, string name, [NotNullWhen(true)] out PublicKeySet? set, out string error)
    {
        set = null;
        error = string.Empty;
        const string Fix = "write it with: aws cloudtrail list-public-keys --start-time ... --end-time ... > keys.json";
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            error = $"{name}: not JSON ({ex.Message}); {Fix}";
            return false;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("PublicKeyList", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                error = $"{name}: no PublicKeyList list; {Fix}";
                return false;
            }

            var keys = new Dictionary<string, PublicKey>(StringComparer.OrdinalIgnoreCase);
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                if (!TryReadKey(item, out var key, out var problem))
                {
                    error = $"{name}: PublicKeyList[{index}]: {problem}";
                    return false;
                }

                keys[key.Fingerprint] = key;
                index++;
            }

            if (keys.Count == 0)
            {
                error = $"{name}: PublicKeyList is empty: no digest could be verified; give --start-time and --end-time that span the range to verify";
                return false;
            }

            set = new PublicKeySet(keys);
            return true;
        }
    }

    /// <summary>The key with this fingerprint, if it was valid at <paramref name="signedAt"/>; otherwise null and why.</summary>
    public PublicKey? Find(string fingerprint, DateTimeOffset signedAt, out string why)
    {
        why = string.Empty;
        if (!keys.TryGetValue(fingerprint, out var key))
        {
            why = $"the public keys file holds no key with fingerprint {fingerprint}";
            return null;
        }

        if ((key.ValidFrom is { } from && signedAt < from) || (key.ValidUntil is { } until && signedAt > until))
        {
            why = $"the key with fingerprint {fingerprint} is valid from {key.ValidFrom:O} to {key.ValidUntil:O}, not at {signedAt:O}";
            return null;
        }

        return key;
    }

    private static bool TryReadKey(JsonElement item, [NotNullWhen(true)] out PublicKey? key, out string problem)
    {
        key = null;
        problem = string.Empty;
        if (item.ValueKind != JsonValueKind.Object)
        {
            problem = "not an object";
            return false;
        }

        if (!item.TryGetProperty("Value", out var value) || value.ValueKind != JsonValueKind.String || !item.TryGetProperty("Fingerprint", out var fingerprint) || fingerprint.ValueKind != JsonValueKind.String)
        {
            problem = "no Value or Fingerprint string";
            return false;
        }

        byte[] der;
        try
        {
            der = Convert.FromBase64String(value.GetString()!);
        }
        catch (FormatException)
        {
            problem = "Value is not base64";
            return false;
        }

        var expected = fingerprint.GetString()!;
        var actual = Convert.ToHexStringLower(MD5.HashData(der));
        if (!string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase))
        {
            problem = $"Fingerprint {expected} is not the MD5 of the key's bytes ({actual})";
            return false;
        }

        if (!PublicKey.TryImport(der, out var rsa))
        {
            problem = $"Value (fingerprint {expected}) is not a DER RSA public key";
            return false;
        }

        rsa.Dispose();

        if (!TryTime(item, "ValidityStartTime", out var from, out problem) || !TryTime(item, "ValidityEndTime", out var until, out problem))
        {
            return false;
        }

        key = new PublicKey(actual, der, from, until);
        return true;
    }

    /// <summary>A time as the AWS CLI prints it: ISO 8601 by default, epoch seconds with <c>--cli-timestamp-format</c> none.</summary>
    private static bool TryTime(JsonElement item, string name, out DateTimeOffset? time, out string problem)
    {
        time = null;
        problem = string.Empty;
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds))
        {
            time = DateTimeOffset.UnixEpoch.AddSeconds(seconds);
            return true;
        }

        if (value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            time = parsed;
            return true;
        }

        problem = $"{name} is not a time";
        return false;
    }
}
