using System.Globalization;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using DetectionKit.Cli.Tests.Support;
using DetectionKit.Engine.Sources.S3;

namespace DetectionKit.Engine.Tests.Fuzzing;

/// <summary>
/// A share of the readers' mutations delivered as trail objects to a real S3 endpoint (moto_server on
/// a loopback port) and read through the S3 source with the real AWS SDK: each case is one object
/// on a day of its own, read by a source over that day.
/// </summary>
public sealed class FuzzingS3Objects
{
    private const string Bucket = "fuzz-trail";
    private const string Account = "111122223333";
    private static readonly DateTimeOffset FirstDay = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private MotoServer server = null!;
    private AmazonS3Client client = null!;

    [OneTimeSetUp]
    public async Task StartS3()
    {
        server = MotoServer.Start();
        client = new AmazonS3Client(new BasicAWSCredentials("testing", "testing"), new AmazonS3Config { ServiceURL = server.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        await client.PutBucketAsync(Bucket);
    }

    [OneTimeTearDown]
    public void StopS3()
    {
        client.Dispose();
        server.Dispose();
    }

    [Test]
    public void MutatedObjectsAreReadOrReportedNeverThrown() =>
        FuzzRun.Cases("s3", 60, (index, random) =>
        {
            var mutator = new Mutator(random, yaml: false);
            var (shape, seed) = RecordSeeds.Pick(random);
            var bytes = mutator.Mutate(seed, RecordSeeds.Pick(random).Bytes);
            bytes = random.Next(5) == 0 ? bytes : mutator.Gzip(bytes);
            var day = FirstDay.AddDays(index);
            var key = $"AWSLogs/{Account}/CloudTrail/us-east-1/{day:yyyy/MM/dd}/{Account}_CloudTrail_us-east-1_{day.ToString("yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture)}_case{index}.json.gz";
            using (var body = new MemoryStream(bytes))
            {
                client.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, InputStream = body }).GetAwaiter().GetResult();
            }

            var source = new S3EventSource(client, new S3SourceOptions { Location = new S3Uri(Bucket, string.Empty), Since = day, Until = day.AddDays(1), Limits = RecordReaderCheck.Limits, Parallelism = 2 });
            return new FuzzCase($"{shape}, {mutator.Applied}, {bytes.Length:N0} bytes", ReadAll(source, $"s3://{Bucket}/{key}").GetAwaiter().GetResult());
        });

    private static async Task<string?> ReadAll(S3EventSource source, string origin)
    {
        var batches = 0;
        await foreach (var batch in source.ReadAsync())
        {
            using (batch)
            {
                batches++;
                if (batch.Origin != origin)
                {
                    return $"read {batch.Origin}, not the one object delivered that day";
                }

                var kinds = batch.ReadEvents().Select(e => e.Json.ValueKind).ToList();
                if (RecordReaderCheck.Problem(origin, kinds, batch.Problems, batch.ReadToEnd, batch.Failure, batch.BytesRead) is { } problem)
                {
                    return problem;
                }
            }
        }

        return batches == 1 ? null : $"{batches} batches for one object";
    }
}
