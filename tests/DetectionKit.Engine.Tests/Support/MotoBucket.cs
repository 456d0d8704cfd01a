using System.Globalization;
using System.Text.Json.Nodes;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using DetectionKit.Cli.Tests.Support;
using DetectionKit.Engine.Sources.S3;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Support;

/// <summary>
/// A fresh bucket of its own on a real moto_server, filled through the real AWS SDK, and a
/// <see cref="Reader"/>: the real S3 client the source under test reads it with, whose requests are
/// recorded. Objects are put in the CloudTrail delivery layout or under any key.
/// </summary>
internal sealed class MotoBucket : IDisposable
{
    private readonly MotoServer server;
    private readonly AmazonS3Client admin;
    private readonly List<RecordedS3Client> readers = [];
    private int sequence;

    private MotoBucket(MotoServer server, string name, int? pageSize, TimeSpan? timeout)
    {
        this.server = server;
        Name = name;
        admin = new AmazonS3Client(new BasicAWSCredentials("testing", "testing"), new AmazonS3Config { ServiceURL = server.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        Reader = NewReader(pageSize, timeout);
    }

    public string Name { get; }

    /// <summary>The client the source reads with; its calls are recorded.</summary>
    public RecordedS3Client Reader { get; }

    /// <summary>Creates the bucket; <paramref name="pageSize"/> and <paramref name="timeout"/> are the <see cref="Reader"/>'s.</summary>
    public static async Task<MotoBucket> CreateAsync(MotoServer server, int? pageSize = null, TimeSpan? timeout = null)
    {
        var bucket = new MotoBucket(server, "trail-" + Guid.NewGuid().ToString("N")[..12], pageSize, timeout);
        await bucket.admin.PutBucketAsync(new PutBucketRequest { BucketName = bucket.Name });
        return bucket;
    }

    /// <summary>Another recorded client on the same server (disposed with the bucket).</summary>
    public RecordedS3Client NewReader(int? pageSize = null, TimeSpan? timeout = null, Profile? profile = null)
    {
        var reader = new RecordedS3Client(server.Endpoint, pageSize, timeout, profile);
        readers.Add(reader);
        return reader;
    }

    public S3Uri Location(string prefix = "") => new(Name, prefix);

    public async Task PutAsync(string key, byte[] body, S3StorageClass? storageClass = null)
    {
        using var content = new MemoryStream(body);
        await admin.PutObjectAsync(new PutObjectRequest { BucketName = Name, Key = key, InputStream = content, StorageClass = storageClass });
    }

    /// <summary>Puts records (by default one, whose event id is the key) as one gzipped log object in the delivery layout; returns the key.</summary>
    public async Task<string> PutLogAsync(DateTimeOffset deliveredAt, string account = Some.AccountId, string region = "us-east-1", string? organizationId = null, string prefix = "", string kind = "CloudTrail", S3StorageClass? storageClass = null, params JsonObject[] records)
    {
        var org = organizationId is null ? string.Empty : organizationId + "/";
        var stamp = deliveredAt.UtcDateTime.ToString("yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture);
        var key = $"{prefix}AWSLogs/{org}{account}/{kind}/{region}/{deliveredAt.UtcDateTime:yyyy/MM/dd}/{account}_{kind}_{region}_{stamp}_{Interlocked.Increment(ref sequence):D4}abcd.json.gz";
        var content = records.Length == 0 ? [Some.Record(eventId: key)] : records;
        await PutAsync(key, Gzip.Compress(Some.Delivery(content)), storageClass);
        return key;
    }

    public async Task DeleteAsync(string key) =>
        await admin.DeleteObjectAsync(new DeleteObjectRequest { BucketName = Name, Key = key });

    public void Dispose()
    {
        foreach (var reader in readers)
        {
            reader.Dispose();
        }

        admin.Dispose();
    }
}
