using System.Globalization;
using DetectionKit.Cli.Tests.Support;

namespace DetectionKit.Cli.Tests.S3;

/// <summary><c>hunt</c> over a trail bucket on moto: the same answer as over the same files, and a dry run that lists and reads nothing.</summary>
public sealed class HuntingATrailBucket
{
    private const string AccountA = "111111111111";
    private const string AccountB = "222222222222";

    [Test]
    public async Task AnExpressionOverABucketAnswersAsOverTheSameFilesLocally()
    {
        using var bucket = await TrailBucket.CreateAsync();
        using var workspace = new RulesWorkspace();
        var day = DateTimeOffset.Parse("2024-08-01T00:00:00Z");
        await bucket.PutLogAsync(TrailBucket.Capture("defense-evasion.cloudtrail-stop"), AccountA, "us-east-1", day.AddHours(10), "o-abc123");
        await bucket.PutLogAsync(TrailBucket.Capture("credential-access.secretsmanager-retrieve-secrets"), AccountB, "eu-west-1", day.AddHours(11), "o-abc123");
        var inRange = bucket.Objects.ToList();
        await bucket.PutLogAsync(TrailBucket.Capture("defense-evasion.cloudtrail-delete"), AccountA, "us-east-1", day.AddHours(13), "o-abc123");
        string[] query = ["hunt", "--where", "e.EventName == \"GetSecretValue\" || e.EventName == \"StopLogging\" || e.EventName == \"DeleteTrail\"", "--select", "e.EventName, e.UserIdentity.Arn", "--format", "csv"];

        var fromS3 = Shell.Run([.. query, "--source", $"s3://{bucket.Name}", "--since", "2024-08-01T00:00:00Z", "--until", "2024-08-01T12:00:00Z"]);
        var local = Shell.Run([.. query, "--source", TrailBucket.WriteLocally(inRange, workspace.Root)]);

        Assert.That(fromS3.ExitCode, Is.EqualTo(0), fromS3.ToString);
        Assert.That(fromS3.Out, Does.Contain("StopLogging,").And.Contain("GetSecretValue,").And.Not.Contain("DeleteTrail,"));
        Assert.That(fromS3.Out, Is.EqualTo(local.Out));
        Assert.That(fromS3.Error, Does.Contain("files/objects read: 2").And.Contain("s3 objects outside the time range: 1"));
    }

    [Test]
    public async Task ADryRunSaysHowManyObjectsAndBytesEachFolderHoldsInRangeAndReadsNone()
    {
        using var bucket = await TrailBucket.CreateAsync();
        var day = DateTimeOffset.Parse("2024-08-01T00:00:00Z");
        var a1 = await bucket.PutLogAsync(TrailBucket.Capture("defense-evasion.cloudtrail-stop"), AccountA, "us-east-1", day.AddHours(1), "o-abc123");
        var a2 = await bucket.PutLogAsync(TrailBucket.Capture("defense-evasion.cloudtrail-delete"), AccountA, "us-east-1", day.AddHours(23).AddMinutes(55), "o-abc123");
        var b1 = await bucket.PutLogAsync(TrailBucket.Capture("persistence.iam-create-admin-user"), AccountB, "eu-west-1", day.AddDays(1).AddHours(2), "o-abc123");
        await bucket.PutLogAsync(TrailBucket.Capture("persistence.iam-create-admin-user"), AccountB, "eu-west-1", day.AddDays(3), "o-abc123");
        await bucket.PutRawAsync($"AWSLogs/o-abc123/{AccountA}/CloudTrail-Digest/us-east-1/2024/08/01/{AccountA}_CloudTrail-Digest_us-east-1_org-trail_us-east-1_20240801T110000Z.json.gz", "{}");
        long Size(string key) => bucket.Objects.Single(o => o.Key == key).Gzipped.Length;
        static string Exact(long bytes) => bytes.ToString("N0", CultureInfo.InvariantCulture);

        // Not gzip: reading it would fail, so a dry run that succeeds did not read it.
        var broken = await bucket.PutBytesAsync("not gzip"u8.ToArray(), day.AddHours(5), key: a1.Replace("_20240801T0100Z_", "_20240801T0500Z_", StringComparison.Ordinal));

        var result = Shell.Run("hunt", "--where", "true", "--source", $"s3://{bucket.Name}", "--since", "2024-08-01T00:00:00Z", "--until", "2024-08-02T12:00:00Z", "--dry-run");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        var folderA = $"AWSLogs/o-abc123/{AccountA}/CloudTrail/us-east-1/";
        var folderB = $"AWSLogs/o-abc123/{AccountB}/CloudTrail/eu-west-1/";
        var bytesA = Size(a1) + Size(a2) + "not gzip".Length;
        var lines = result.OutLines;
        Assert.That(lines[0], Is.EqualTo("dry run: nothing was read"));
        Assert.That(lines[1], Is.EqualTo($"s3://{bucket.Name}/ from 2024-08-01T00:00:00Z until 2024-08-02T12:00:00Z:"));
        Assert.That(lines[2], Does.Match($@"^  {folderA} +3 objects  .*\({Exact(bytesA)} bytes\)$"));
        Assert.That(lines[3], Does.Match($@"^  {folderB} +1 object   .*\({Exact(Size(b1))} bytes\)$").Or.Match($@"^  {folderB} +1 object +{Size(b1)} bytes$"));
        Assert.That(lines[4], Does.Match($@"^  total +4 objects  .*\({Exact(bytesA + Size(b1))} bytes\)$"));
        Assert.That(result.Error, Does.Not.Contain("DK4001"));
        Assert.That(broken, Does.Contain("_20240801T0500Z_"));
    }
}
