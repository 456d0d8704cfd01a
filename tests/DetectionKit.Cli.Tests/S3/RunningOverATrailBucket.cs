using DetectionKit.Cli.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Cli.Tests.S3;

public sealed class RunningOverATrailBucket
{
    private const string AccountA = "111111111111";
    private const string AccountB = "222222222222";

    [Test]
    public async Task AnOrganizationTrailGivesTheSameAlertsAsReplayingTheSameFilesLocally()
    {
        using var bucket = await TrailBucket.CreateAsync();
        using var workspace = new RulesWorkspace();
        var day = DateTimeOffset.Parse("2024-08-01T00:00:00Z");
        await bucket.PutLogAsync(TrailBucket.Capture("defense-evasion.cloudtrail-stop"), AccountA, "us-east-1", day.AddHours(10).AddMinutes(5), "o-abc123");
        await bucket.PutLogAsync(TrailBucket.Capture("defense-evasion.cloudtrail-delete"), AccountA, "eu-west-1", day.AddHours(10).AddMinutes(10), "o-abc123");
        await bucket.PutLogAsync(TrailBucket.Capture("persistence.iam-create-admin-user"), AccountB, "us-east-1", day.AddHours(23).AddMinutes(55), "o-abc123");
        await bucket.PutLogAsync(TrailBucket.Capture("initial-access.console-login-without-mfa"), AccountB, "us-east-1", day.AddDays(1).AddMinutes(5), "o-abc123");
        var inRange = bucket.Objects.ToList();
        await bucket.PutLogAsync(TrailBucket.Capture("defense-evasion.dns-delete-logs"), AccountA, "us-east-1", day.AddDays(1).AddHours(13), "o-abc123");
        await bucket.PutRawAsync($"AWSLogs/o-abc123/{AccountA}/CloudTrail-Digest/us-east-1/2024/08/01/{AccountA}_CloudTrail-Digest_us-east-1_org-trail_us-east-1_20240801T110000Z.json.gz", "{}");
        await bucket.PutRawAsync($"AWSLogs/o-abc123/{AccountA}/CloudTrail/us-east-1/2024/08/01/notes.txt", "not a log");

        var fromS3 = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", $"s3://{bucket.Name}", "--since", "2024-08-01T00:00:00Z", "--until", "2024-08-02T12:00:00Z");
        var local = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", TrailBucket.WriteLocally(inRange, workspace.Root));

        Assert.That(fromS3.ExitCode, Is.EqualTo(0), fromS3.ToString);
        Assert.That(fromS3.OutLines, Has.Count.GreaterThanOrEqualTo(4));
        Assert.That(fromS3.Out, Is.EqualTo(local.Out));
        Assert.That(fromS3.Error, Does.Contain("s3 objects read: 4, digests skipped: 1, other objects skipped: 1, outside the time range: 1"));
    }

    [Test]
    public async Task AccountsAndRegionsNarrowWhatIsRead()
    {
        using var bucket = await TrailBucket.CreateAsync();
        using var workspace = new RulesWorkspace();
        var time = DateTimeOffset.Parse("2024-08-01T10:05:00Z");
        var wanted = await bucket.PutLogAsync(TrailBucket.Capture("defense-evasion.cloudtrail-stop"), AccountA, "us-east-1", time, "o-abc123");
        await bucket.PutLogAsync(TrailBucket.Capture("defense-evasion.cloudtrail-delete"), AccountA, "eu-west-1", time, "o-abc123");
        await bucket.PutLogAsync(TrailBucket.Capture("persistence.iam-create-admin-user"), AccountB, "us-east-1", time, "o-abc123");

        var fromS3 = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", $"s3://{bucket.Name}/", "--since", "2024-08-01T00:00:00Z", "--until", "2024-08-01T23:00:00Z", "--accounts", AccountA, "--regions", "us-east-1");
        var local = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", TrailBucket.WriteLocally(bucket.Objects.Where(o => o.Key == wanted), workspace.Root));

        Assert.That(fromS3.ExitCode, Is.EqualTo(0), fromS3.ToString);
        Assert.That(fromS3.OutLines, Has.Count.EqualTo(1).And.All.Contains("aws.cloudtrail.logging-stopped"));
        Assert.That(fromS3.Out, Is.EqualTo(local.Out));
    }

    [Test]
    public async Task ASingleAccountTrailUnderAKeyPrefixWithKmsEncryptedObjectsReads()
    {
        using var bucket = await TrailBucket.CreateAsync();
        var kmsKey = await bucket.CreateKmsKeyAsync();
        var time = DateTimeOffset.Parse("2024-08-01T10:05:00Z");
        var encrypted = await bucket.PutLogAsync(TrailBucket.Capture("defense-evasion.cloudtrail-stop"), "333333333333", "us-east-1", time, prefix: "team-trail/", kmsKeyId: kmsKey);
        await bucket.PutLogAsync(TrailBucket.Capture("defense-evasion.cloudtrail-delete"), "333333333333", "us-east-1", time.AddMinutes(5), prefix: "team-trail/");

        var result = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", $"s3://{bucket.Name}/team-trail", "--since", "2024-08-01T00:00:00Z", "--until", "2024-08-01T23:00:00Z");

        Assert.That(await bucket.EncryptionOfAsync(encrypted), Is.EqualTo("aws:kms"));
        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        Assert.That(result.Out, Does.Contain("aws.cloudtrail.logging-stopped").And.Contain("aws.cloudtrail.trail-deleted"));
    }

    [Test]
    public async Task AMissingBucketIsReportedByName()
    {
        var result = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", "s3://no-such-bucket-here/", "--since", "1h");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.Contain("s3://no-such-bucket-here/: error DK4001: cannot list the bucket: NoSuchBucket"));
    }

    [Test]
    public void AnUnreachableEndpointIsReportedByLocationAndTheRunEnds()
    {
        var result = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", "s3://trail-logs/security", "--endpoint-url", "http://127.0.0.1:1", "--since", "1h");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        Assert.That(result.Error, Does.Contain("s3://trail-logs/security: error DK4001: cannot list the bucket: "));
        Assert.That(result.Error, Does.Contain("errors: 1"));
    }

    [Test]
    public async Task AWSLogsWithoutATrailingSlashReadsTheSameAsWithIt()
    {
        using var bucket = await TrailBucket.CreateAsync();
        var time = DateTimeOffset.Parse("2024-08-01T10:05:00Z");
        await bucket.PutLogAsync(TrailBucket.Capture("defense-evasion.cloudtrail-stop"), AccountA, "us-east-1", time, "o-abc123");

        var bare = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", $"s3://{bucket.Name}/AWSLogs", "--since", "2024-08-01T00:00:00Z", "--until", "2024-08-02T00:00:00Z");
        var slash = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", $"s3://{bucket.Name}/AWSLogs/", "--since", "2024-08-01T00:00:00Z", "--until", "2024-08-02T00:00:00Z");

        Assert.That(bare.ExitCode, Is.EqualTo(0), bare.ToString);
        Assert.That(bare.Out, Does.Contain("aws.cloudtrail.logging-stopped"));
        Assert.That(bare.Out, Is.EqualTo(slash.Out));
    }

    [Test]
    public async Task ALocationDownToARegionFolderReadsOnlyThatRegion()
    {
        using var bucket = await TrailBucket.CreateAsync();
        var time = DateTimeOffset.Parse("2024-08-01T10:05:00Z");
        await bucket.PutLogAsync(TrailBucket.Capture("defense-evasion.cloudtrail-stop"), AccountA, "us-east-1", time, "o-abc123");
        await bucket.PutLogAsync(TrailBucket.Capture("defense-evasion.cloudtrail-delete"), AccountA, "eu-west-1", time, "o-abc123");

        var result = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", $"s3://{bucket.Name}/AWSLogs/o-abc123/{AccountA}/CloudTrail/us-east-1/", "--since", "2024-08-01T00:00:00Z", "--until", "2024-08-02T00:00:00Z");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        Assert.That(result.Out, Does.Contain("aws.cloudtrail.logging-stopped").And.Not.Contain("aws.cloudtrail.trail-deleted"));
        Assert.That(result.Error, Does.Contain("s3 objects read: 1,"));
    }

    [Test]
    public void ALocationBelowTheRegionFolderIsAUsageError()
    {
        var result = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", $"s3://trail-logs/AWSLogs/{AccountA}/CloudTrail/us-east-1/2024/08/01/", "--since", "1h");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString);
        Assert.That(result.Error, Does.Contain($"error: --source s3://trail-logs/AWSLogs/{AccountA}/CloudTrail/us-east-1/2024/08/01/: goes below the region folder ('2024/08/01'); give the days with --since and --until instead"));
    }

    [Test]
    public async Task ALocationWithNoAccountFoldersSaysSo()
    {
        using var bucket = await TrailBucket.CreateAsync();
        await bucket.PutLogAsync(TrailBucket.Capture("defense-evasion.cloudtrail-stop"), AccountA, "us-east-1", DateTimeOffset.Parse("2024-08-01T10:05:00Z"), prefix: "team-trail/");

        var result = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", $"s3://{bucket.Name}/security", "--since", "2024-08-01T00:00:00Z", "--until", "2024-08-02T00:00:00Z");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        Assert.That(result.Error, Does.Contain($"s3://{bucket.Name}/security: warning DK4003: no AWSLogs/<account>/ folders under s3://{bucket.Name}/security: is 'security' the trail's key prefix?"));
    }

    [TestCase("--accounts", "1111-2222-3333", "--accounts '1111-2222-3333' is not a 12-digit account id (write it as 111122223333)")]
    [TestCase("--accounts", "111122223333,12345", "--accounts '12345' is not a 12-digit account id")]
    [TestCase("--regions", "us-east-1,US-WEST-2", "--regions 'US-WEST-2' is not a region name such as us-east-1")]
    [TestCase("--regions", "us-east-1a", "--regions 'us-east-1a' is not a region name such as us-east-1")]
    public void AMalformedAccountOrRegionIsAUsageErrorNamingIt(string option, string value, string error)
    {
        var result = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", "s3://trail-logs/", option, value, "--since", "1h");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString);
        Assert.That(result.Error, Does.Contain($"error: {error}"));
    }

    [Test]
    public async Task AnInsightsObjectIsReadAndItsInsightAlerts()
    {
        using var bucket = await TrailBucket.CreateAsync();
        var sample = Path.Combine(RepositoryPaths.Fixtures, "samples", "111122223333_CloudTrail-Insight_us-east-1_20240801T1215Z_Ab12Cd34Ef56Gh78.json.gz");
        await bucket.PutLogAsync(TrailBucket.Records(sample), "111122223333", "us-east-1", DateTimeOffset.Parse("2024-08-01T12:15:00Z"), "o-abc123", kind: "CloudTrail-Insight");

        var fromS3 = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", $"s3://{bucket.Name}", "--since", "2024-08-01T00:00:00Z", "--until", "2024-08-02T00:00:00Z");
        var local = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", sample);

        Assert.That(fromS3.ExitCode, Is.EqualTo(0), fromS3.ToString);
        Assert.That(fromS3.OutLines, Has.One.Contains("\"ruleId\":\"aws.cloudtrail.insight-api-call-rate\""));
        Assert.That(fromS3.Out, Is.EqualTo(local.Out));
        Assert.That(fromS3.Error, Does.Contain("s3 objects read: 1,"));
    }

    [Test]
    public async Task AnObjectOnTheDayBeforeSinceIsNotRead()
    {
        using var bucket = await TrailBucket.CreateAsync();
        await bucket.PutLogAsync(TrailBucket.Capture("defense-evasion.cloudtrail-delete"), AccountA, "us-east-1", DateTimeOffset.Parse("2024-07-31T23:55:00Z"));
        await bucket.PutLogAsync(TrailBucket.Capture("defense-evasion.cloudtrail-stop"), AccountA, "us-east-1", DateTimeOffset.Parse("2024-08-01T00:05:00Z"));

        var result = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", $"s3://{bucket.Name}", "--since", "2024-08-01T00:00:00Z", "--until", "2024-08-01T12:00:00Z");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        Assert.That(result.Out, Does.Contain("aws.cloudtrail.logging-stopped").And.Not.Contain("aws.cloudtrail.trail-deleted"));
        Assert.That(result.Error, Does.Contain("s3 objects read: 1,"));
    }

    [Test]
    public async Task ARegionWithNothingInItIsAWarningNotASilentEmptyRun()
    {
        using var bucket = await TrailBucket.CreateAsync();
        await bucket.PutLogAsync(TrailBucket.Capture("defense-evasion.cloudtrail-stop"), AccountA, "us-east-1", DateTimeOffset.Parse("2024-08-01T10:05:00Z"), "o-abc123");

        var result = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", $"s3://{bucket.Name}", "--since", "2024-08-01T00:00:00Z", "--until", "2024-08-01T23:00:00Z", "--regions", "ap-south-1");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        Assert.That(result.Error, Does.Contain("warning DK4003: no objects at all under").And.Contain("check --regions ap-south-1"));
    }
}
