using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace DetectionKit.Engine.Integrity;

/// <summary>
/// Reads a digest file's JSON (already decompressed) into a <see cref="DigestFile"/>, or says in a
/// sentence what is wrong with it: the fields the verification needs must be there and of their kind
/// (the previous-digest fields may be null: the first digest of a chain has none).
/// </summary>
public static class DigestReader
{
    private const string Sha256 = "SHA-256";

    public static bool TryRead(ReadOnlyMemory<byte> json, [NotNullWhen(true)] out DigestFile? digest, out string error)
    {
        digest = null;
        error = string.Empty;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            error = $"not JSON: {ex.Message}";
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "not a JSON object";
                return false;
            }

            var problems = new List<string>();
            string Required(string name) => Text(root, name, nullable: false, problems) ?? string.Empty;
            string? Optional(string name) => Text(root, name, nullable: true, problems);
            var start = Required("digestStartTime");
            var end = Required("digestEndTime");
            var startsAt = Time(start, "digestStartTime", problems);
            var endsAt = Time(end, "digestEndTime", problems);
            var read = new DigestFile
            {
                AwsAccountId = Required("awsAccountId"),
                DigestStartTime = start,
                DigestEndTime = end,
                StartsAt = startsAt,
                EndsAt = endsAt,
                DigestS3Bucket = Required("digestS3Bucket"),
                DigestS3Object = Required("digestS3Object"),
                DigestPublicKeyFingerprint = Required("digestPublicKeyFingerprint"),
                DigestSignatureAlgorithm = Optional("digestSignatureAlgorithm"),
                PreviousDigestS3Bucket = Optional("previousDigestS3Bucket"),
                PreviousDigestS3Object = Optional("previousDigestS3Object"),
                PreviousDigestHashValue = Optional("previousDigestHashValue"),
                PreviousDigestHashAlgorithm = Optional("previousDigestHashAlgorithm"),
                PreviousDigestSignature = Optional("previousDigestSignature"),
                LogFiles = LogFiles(root, problems),
            };
            if (!root.TryGetProperty("previousDigestSignature", out _))
            {
                // Null for the first digest of a chain, but always there: it is the last line of the signing string.
                problems.Add("no previousDigestSignature");
            }

            if (read.PreviousDigestHashAlgorithm is { } algorithm && algorithm != Sha256)
            {
                problems.Add($"previousDigestHashAlgorithm is '{algorithm}', not {Sha256}");
            }

            if (problems.Count > 0)
            {
                error = string.Join("; ", problems);
                return false;
            }

            digest = read;
            return true;
        }
    }

    private static IReadOnlyList<DigestedLogFile> LogFiles(JsonElement root, List<string> problems)
    {
        if (!root.TryGetProperty("logFiles", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            problems.Add("logFiles is missing or not a list");
            return [];
        }

        var files = new List<DigestedLogFile>();
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var at = $"logFiles[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{at} is not an object");
                continue;
            }

            var entryProblems = new List<string>();
            var file = new DigestedLogFile(
                Text(item, "s3Bucket", nullable: false, entryProblems) ?? string.Empty,
                Text(item, "s3Object", nullable: false, entryProblems) ?? string.Empty,
                Text(item, "hashValue", nullable: false, entryProblems) ?? string.Empty,
                Text(item, "hashAlgorithm", nullable: true, entryProblems) ?? Sha256,
                Text(item, "newestEventTime", nullable: true, entryProblems),
                Text(item, "oldestEventTime", nullable: true, entryProblems));
            if (file.HashAlgorithm != Sha256)
            {
                entryProblems.Add($"hashAlgorithm is '{file.HashAlgorithm}', not {Sha256}");
            }

            problems.AddRange(entryProblems.Select(p => $"{at}: {p}"));
            files.Add(file);
        }

        return files;
    }

    private static string? Text(JsonElement parent, string name, bool nullable, List<string> problems)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (!nullable)
            {
                problems.Add($"no {name}");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add($"{name} is not a string");
            return null;
        }

        return value.GetString();
    }

    private static DateTimeOffset Time(string text, string name, List<string> problems)
    {
        if (text.Length == 0)
        {
            return default;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            problems.Add($"{name} '{text}' is not an ISO 8601 time");
        }

        return time;
    }
}
