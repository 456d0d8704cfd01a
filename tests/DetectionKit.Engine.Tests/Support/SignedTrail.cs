using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Support;

/// <summary>
/// A trail bucket on moto with log file validation on, built as CloudTrail builds one: hours of gzipped
/// log files made from the Stratus Red Team captures, and for each hour a gzipped digest file in the
/// documented format listing them with the SHA-256 of their uncompressed content, chained to the
/// previous digest, and signed (SHA256withRSA over the documented signing string) with a key made for
/// the test, the signature in the object's metadata. Methods then damage it as an attacker would.
/// </summary>
internal sealed class SignedTrail : IDisposable
{
    public const string Account = "111122223333";
    public const string Region = "us-east-1";
    public const string TrailName = "prod-trail";

    private static readonly string[] Captures = Directory.GetFiles(Path.Combine(RepositoryPaths.Fixtures, "stratus-red-team"), "aws.*.json").Order(StringComparer.Ordinal).ToArray();

    private readonly AmazonS3Client s3;
    private readonly List<JsonObject> digests = [];
    private readonly List<string> signatures = [];
    private int sequence;

    private SignedTrail(Uri endpoint, string bucket, DateTimeOffset start, string root)
    {
        Root = root;
        s3 = new AmazonS3Client(new BasicAWSCredentials("testing", "testing"), new AmazonS3Config { ServiceURL = endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        Bucket = bucket;
        Start = start;
    }

    public string Bucket { get; }

    /// <summary>When the first digest's hour starts (digests end on the same second of each hour, as CloudTrail's do).</summary>
    public DateTimeOffset Start { get; }

    public RSA Key { get; } = RSA.Create(2048);

    public string Fingerprint => FingerprintOf(Key);

    public List<string> DigestKeys { get; } = [];

    /// <summary>The log files each hour's digest lists.</summary>
    public List<List<string>> LogKeys { get; } = [];

    public string Location => $"s3://{Bucket}/";

    /// <summary>The trail's key prefix and <c>AWSLogs/[o-ORGID/]</c>: what comes before the account folder.</summary>
    public string Root { get; }

    public string DigestFolder => $"{Root}{Account}/CloudTrail-Digest/{Region}/";

    /// <summary>A bucket of <paramref name="hours"/> signed hours of two log files each, the first digest starting a chain.</summary>
    /// <param name="endpoint">The moto server.</param>
    /// <param name="hours">How many hours (digests) to write.</param>
    /// <param name="prefix">The trail's key prefix, with its slash.</param>
    /// <param name="organizationId">An organisation trail's id; null for a single-account trail.</param>
    public static async Task<SignedTrail> CreateAsync(Uri endpoint, int hours = 3, string prefix = "", string? organizationId = null)
    {
        var root = $"{prefix}AWSLogs/{(organizationId is null ? string.Empty : organizationId + "/")}";
        var trail = new SignedTrail(endpoint, "signed-" + Guid.NewGuid().ToString("N")[..12], DateTimeOffset.Parse("2024-08-01T10:00:30Z", CultureInfo.InvariantCulture), root);
        await trail.s3.PutBucketAsync(new PutBucketRequest { BucketName = trail.Bucket });
        for (var hour = 0; hour < hours; hour++)
        {
            var from = trail.Start.AddHours(hour);
            var logs = new List<(string Key, byte[] Content)>();
            foreach (var minutes in new[] { 10, 40 })
            {
                var (key, content) = await trail.PutLogAsync(from.AddMinutes(minutes));
                logs.Add((key, content));
            }

            trail.LogKeys.Add(logs.Select(l => l.Key).ToList());
            var digest = trail.Digest(from, from.AddHours(1), logs, backfill: false);
            trail.DigestKeys.Add(digest["digestS3Object"]!.GetValue<string>());
            await trail.PutDigestAsync(digest, trail.Key);
        }

        return trail;
    }

    public static string FingerprintOf(RSA key) => Convert.ToHexStringLower(MD5.HashData(key.ExportRSAPublicKey()));

    public static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(content);
        }

        return buffer.ToArray();
    }

    /// <summary>The output of <c>aws cloudtrail list-public-keys</c> holding these keys (default: the trail's), valid over the test's days.</summary>
    public string KeysJson(params RSA[] keys)
    {
        var list = new JsonArray();
        foreach (var key in keys.Length == 0 ? [Key] : keys)
        {
            list.Add(new JsonObject
            {
                ["Value"] = Convert.ToBase64String(key.ExportRSAPublicKey()),
                ["ValidityStartTime"] = Start.AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
                ["ValidityEndTime"] = Start.AddDays(30).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
                ["Fingerprint"] = FingerprintOf(key),
            });
        }

        return new JsonObject { ["PublicKeyList"] = list }.ToJsonString();
    }

    /// <summary>A log file delivered at a time, in the delivery layout; no digest lists it unless one is written for it.</summary>
    public async Task<(string Key, byte[] Content)> PutLogAsync(DateTimeOffset deliveredAt)
    {
        var stamp = deliveredAt.UtcDateTime.ToString("yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture);
        var n = Interlocked.Increment(ref sequence);
        var key = $"{Root}{Account}/CloudTrail/{Region}/{deliveredAt.UtcDateTime:yyyy/MM/dd}/{Account}_CloudTrail_{Region}_{stamp}_{n:D4}Ab12Cd34.json";
        var records = JsonNode.Parse(File.ReadAllText(Captures[n % Captures.Length]))!.AsArray();
        var content = Encoding.UTF8.GetBytes(new JsonObject { ["Records"] = records.DeepClone() }.ToJsonString());
        await PutAsync(key + ".gz", Gzip(content));
        return (key + ".gz", content);
    }

    /// <summary>Replaces a log file with other records, as someone covering their tracks would.</summary>
    public async Task AlterLogAsync(string key) =>
        await PutAsync(key, Gzip(Encoding.UTF8.GetBytes("""{"Records":[]}""")));

    public async Task DeleteAsync(string key) =>
        await s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = Bucket, Key = key });

    /// <summary>Writes an hour's digest again after <paramref name="edit"/>, signed with <paramref name="signer"/> (default: the trail's key) and its fingerprint.</summary>
    public async Task RewriteDigestAsync(int hour, Action<JsonObject> edit, RSA? signer = null)
    {
        var digest = (JsonObject)digests[hour].DeepClone();
        edit(digest);
        signer ??= Key;
        digest["digestPublicKeyFingerprint"] = FingerprintOf(signer);
        await PutDigestAsync(digest, signer, replaceAt: hour);
    }

    /// <summary>Keeps an hour's digest as it is but puts another signature in its metadata.</summary>
    public async Task TamperSignatureAsync(int hour)
    {
        var signature = signatures[hour];
        var tampered = (signature[0] == 'a' ? 'b' : 'a') + signature[1..];
        await PutObjectAsync(DigestKeys[hour], Gzip(Encoding.UTF8.GetBytes(digests[hour].ToJsonString())), tampered);
    }

    /// <summary>
    /// A log file of an hour delivered late, and the backfill digest that lists it (<c>_backfill</c> in
    /// its name, generated a day later, the first of its own chain); returns the log file's key.
    /// </summary>
    public async Task<string> PutBackfillAsync(int hour)
    {
        var from = Start.AddHours(hour);
        var (key, content) = await PutLogAsync(from.AddMinutes(25));
        var digest = Digest(from, from.AddHours(1), [(key, content)], backfill: true);
        await PutDigestAsync(digest, Key, generatedAt: from.AddDays(1));
        return key;
    }

    public void Dispose()
    {
        s3.Dispose();
        Key.Dispose();
    }

    private JsonObject Digest(DateTimeOffset from, DateTimeOffset to, IReadOnlyList<(string Key, byte[] Content)> logs, bool backfill)
    {
        var end = to.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var stamp = to.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var key = $"{DigestFolder}{to.UtcDateTime:yyyy/MM/dd}/{Account}_CloudTrail-Digest_{Region}_{TrailName}_{Region}_{stamp}{(backfill ? "_backfill" : string.Empty)}.json.gz";
        var previous = backfill || digests.Count == 0 ? null : digests[^1];
        var files = new JsonArray();
        foreach (var (logKey, content) in logs)
        {
            files.Add(new JsonObject
            {
                ["s3Bucket"] = Bucket,
                ["s3Object"] = logKey,
                ["hashValue"] = Convert.ToHexStringLower(SHA256.HashData(content)),
                ["hashAlgorithm"] = "SHA-256",
                ["newestEventTime"] = end,
                ["oldestEventTime"] = from.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            });
        }

        return new JsonObject
        {
            ["awsAccountId"] = Account,
            ["digestStartTime"] = from.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["digestEndTime"] = end,
            ["digestS3Bucket"] = Bucket,
            ["digestS3Object"] = key,
            ["digestPublicKeyFingerprint"] = Fingerprint,
            ["digestSignatureAlgorithm"] = "SHA256withRSA",
            ["newestEventTime"] = end,
            ["oldestEventTime"] = from.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["previousDigestS3Bucket"] = previous is null ? null : Bucket,
            ["previousDigestS3Object"] = previous?["digestS3Object"]!.GetValue<string>(),
            ["previousDigestHashValue"] = previous is null ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(previous.ToJsonString()))),
            ["previousDigestHashAlgorithm"] = previous is null ? null : "SHA-256",
            ["previousDigestSignature"] = previous is null ? null : signatures[^1],
            ["logFiles"] = files,
        };
    }

    /// <summary>Signs the digest as CloudTrail does and puts it; a new one joins the chain, a rewritten one takes its hour's place.</summary>
    private async Task PutDigestAsync(JsonObject digest, RSA signer, int? replaceAt = null, DateTimeOffset? generatedAt = null)
    {
        var bytes = Encoding.UTF8.GetBytes(digest.ToJsonString());
        var signing = $"{digest["digestEndTime"]!.GetValue<string>()}\n{digest["digestS3Bucket"]!.GetValue<string>()}/{digest["digestS3Object"]!.GetValue<string>()}\n{Convert.ToHexStringLower(SHA256.HashData(bytes))}\n{digest["previousDigestSignature"]?.GetValue<string>() ?? "null"}";
        var signature = Convert.ToHexStringLower(signer.SignData(Encoding.UTF8.GetBytes(signing), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        await PutObjectAsync(digest["digestS3Object"]!.GetValue<string>(), Gzip(bytes), signature, generatedAt);
        if (replaceAt is { } at)
        {
            digests[at] = digest;
            signatures[at] = signature;
        }
        else if (generatedAt is null)
        {
            digests.Add(digest);
            signatures.Add(signature);
        }
    }

    private async Task PutObjectAsync(string key, byte[] body, string signature, DateTimeOffset? generatedAt = null)
    {
        var request = new PutObjectRequest { BucketName = Bucket, Key = key, InputStream = new MemoryStream(body) };
        request.Metadata.Add("signature", signature);
        request.Metadata.Add("signature-algorithm", "SHA256withRSA");
        if (generatedAt is { } at)
        {
            request.Metadata.Add("backfill-generation-timestamp", at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }

        await s3.PutObjectAsync(request);
    }

    private async Task PutAsync(string key, byte[] body) =>
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, InputStream = new MemoryStream(body) });
}
