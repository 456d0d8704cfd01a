using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.S3;
using Amazon.S3.Model;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Cli.Tests.S3;

/// <summary>
/// A bucket on moto laid out as CloudTrail lays it out, filled through the real AWS SDK with
/// gzipped <c>{"Records":[...]}</c> objects made from the Stratus Red Team captures.
/// </summary>
internal sealed class TrailBucket : IDisposable
{
    private readonly AmazonS3Client s3;
    private int sequence;

    private TrailBucket(string name)
    {
        Name = name;
        s3 = new AmazonS3Client(new AmazonS3Config { ServiceURL = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL"), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
    }

    public string Name { get; }

    public List<(string Key, byte[] Gzipped)> Objects { get; } = [];

    public static async Task<TrailBucket> CreateAsync()
    {
        var bucket = new TrailBucket("trail-" + Guid.NewGuid().ToString("N")[..12]);
        await bucket.s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket.Name });
        return bucket;
    }

    public static JsonArray Capture(string technique) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Fixtures, "stratus-red-team", $"aws.{technique}.json")))!.AsArray();

    /// <summary>The records of a delivered (gzipped <c>{"Records":[...]}</c>) file.</summary>
    public static JsonArray Records(string gzippedFile)
    {
        using var gzip = new GZipStream(File.OpenRead(gzippedFile), CompressionMode.Decompress);
        return JsonNode.Parse(gzip)!["Records"]!.AsArray();
    }

    /// <summary>Uploads records as one log object in the delivery layout; returns the key.</summary>
    public async Task<string> PutLogAsync(JsonArray records, string account, string region, DateTimeOffset deliveredAt, string? organizationId = null, string prefix = "", string? kmsKeyId = null, string kind = "CloudTrail")
    {
        var key = KeyFor(account, region, deliveredAt, organizationId, prefix, kind);
        var body = Gzip(new JsonObject { ["Records"] = records.DeepClone() }.ToJsonString());
        var request = new PutObjectRequest { BucketName = Name, Key = key, InputStream = new MemoryStream(body) };
        if (kmsKeyId is not null)
        {
            request.ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS;
            request.ServerSideEncryptionKeyManagementServiceKeyId = kmsKeyId;
        }

        await s3.PutObjectAsync(request);
        Objects.Add((key, body));
        return key;
    }

    public async Task PutRawAsync(string key, string content) =>
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = Name, Key = key, ContentBody = content });

    /// <summary>Uploads bytes as they are under a log object's key (a new key, or <paramref name="key"/> to replace one); returns the key.</summary>
    public async Task<string> PutBytesAsync(byte[] body, DateTimeOffset deliveredAt, string? key = null, S3StorageClass? storageClass = null)
    {
        key ??= KeyFor(ScheduleWorkspace.Account, "us-east-1", deliveredAt, null, string.Empty, "CloudTrail");
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = Name, Key = key, InputStream = new MemoryStream(body), StorageClass = storageClass });
        return key;
    }

    /// <summary>Restores an archived (GLACIER) object, so it can be downloaded again.</summary>
    public async Task RestoreAsync(string key) =>
        await s3.RestoreObjectAsync(new RestoreObjectRequest { BucketName = Name, Key = key, Days = 1 });

    /// <summary>Records gzipped as CloudTrail delivers them, <c>{"Records":[...]}</c>.</summary>
    public static byte[] Delivered(JsonArray records) => Gzip(new JsonObject { ["Records"] = records.DeepClone() }.ToJsonString());

    public static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }

    private string KeyFor(string account, string region, DateTimeOffset deliveredAt, string? organizationId, string prefix, string kind)
    {
        var org = organizationId is null ? string.Empty : organizationId + "/";
        var stamp = deliveredAt.UtcDateTime.ToString("yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture);
        return $"{prefix}AWSLogs/{org}{account}/{kind}/{region}/{deliveredAt.UtcDateTime:yyyy/MM/dd}/{account}_{kind}_{region}_{stamp}_{++sequence:D4}abcd.json.gz";
    }

    public async Task<string> CreateKmsKeyAsync()
    {
        using var kms = new AmazonKeyManagementServiceClient(new AmazonKeyManagementServiceConfig { ServiceURL = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL"), AuthenticationRegion = "us-east-1" });
        var key = await kms.CreateKeyAsync(new CreateKeyRequest { Description = "trail encryption" });
        return key.KeyMetadata.KeyId;
    }

    public async Task<string?> EncryptionOfAsync(string key) =>
        (await s3.GetObjectMetadataAsync(Name, key)).ServerSideEncryptionMethod?.Value;

    /// <summary>Writes the given objects as local .json.gz files, for comparing with a local replay.</summary>
    public static string WriteLocally(IEnumerable<(string Key, byte[] Gzipped)> objects, string directory)
    {
        foreach (var (key, body) in objects)
        {
            var path = Path.Combine(directory, key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, body);
        }

        return directory;
    }

    public void Dispose() => s3.Dispose();
}
