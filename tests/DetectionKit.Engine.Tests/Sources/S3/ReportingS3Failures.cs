using Amazon;
using Amazon.S3;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Sources.S3;
using DetectionKit.Engine.Tests.Support;

namespace DetectionKit.Engine.Tests.Sources.S3;

/// <summary>
/// Real failures between the source and the bucket, from a real moto_server and the real AWS SDK:
/// a refused connection, a client whose credentials cannot be resolved (no such profile, or its
/// credential_process fails), a bucket that does not exist,
/// an archived or vanished object, a server that never answers (the client's timeout) and a connection
/// reset mid-request. The network failures are requests diverted to a <see cref="BrokenEndpoint"/>.
/// </summary>
public sealed class ReportingS3Failures
{
    /// <summary>Long enough for moto on loopback to answer every request that is not diverted.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private static readonly DateTimeOffset Day = DateTimeOffset.Parse("2024-08-01T00:00:00Z");

    private static IEnumerable<TestCaseData> ListingFailures()
    {
        yield return new TestCaseData("refused", "Connection refused (127.0.0.1:1)").SetName("an unreachable endpoint");
        yield return new TestCaseData("no profile", "Unable to find the \"no-such-profile\" profile").SetName("a client whose credentials cannot be resolved");
        yield return new TestCaseData("failing credential process", "Command returned non-zero exit value 1").SetName("a profile whose credential_process fails");
        yield return new TestCaseData("no bucket", "NoSuchBucket: The specified bucket does not exist").SetName("a bucket that does not exist");
        yield return new TestCaseData("silent", "timed out").SetName("a timeout");
        yield return new TestCaseData("reset", "The response ended prematurely").SetName("a broken connection");
    }

    private static IEnumerable<TestCaseData> DownloadFailures()
    {
        yield return new TestCaseData("refused", "Connection refused (127.0.0.1:1)").SetName("an unreachable endpoint");
        yield return new TestCaseData("archived", "InvalidObjectState: The operation is not valid for the object's storage class").SetName("an archived (GLACIER) object");
        yield return new TestCaseData("deleted", "NoSuchKey: The specified key does not exist.").SetName("an object deleted after it was listed");
        yield return new TestCaseData("silent", "timed out").SetName("a timeout");
        yield return new TestCaseData("reset", "The response ended prematurely").SetName("a broken connection");
    }

    [TestCaseSource(nameof(ListingFailures))]
    public async Task AListingThatFailsIsOneFailedBatchNamingTheLocation(string failure, string reason)
    {
        using var bucket = await MotoBucket.CreateAsync(Moto.Server);
        await bucket.PutLogAsync(Day.AddHours(10), prefix: "team/");
        using var broken = Broken(failure);
        var config = Path.Combine(Path.GetTempPath(), "detectionkit-aws-config-" + Guid.NewGuid().ToString("N"));
        var reader = failure switch
        {
            "no profile" => bucket.NewReader(profile: new Profile("no-such-profile", config)),
            "failing credential process" => bucket.NewReader(profile: new Profile("broken", config)),
            _ => bucket.NewReader(timeout: Timeout),
        };
        if (failure == "failing credential process")
        {
            // The command exits with 1: a credential helper that is not signed in, say.
            await File.WriteAllTextAsync(config, "[profile broken]\ncredential_process = false\n");
        }

        if (broken.Address is { } to)
        {
            reader.Divert(_ => true, to);
        }

        var location = failure == "no bucket" ? new S3Uri(bucket.Name + "-missing", "team/") : bucket.Location("team/");
        IReadOnlyList<ReadBatch> batches;
        try
        {
            batches = await S3Read.AllAsync(new S3EventSource(reader.Client, new S3SourceOptions { Location = location, Since = Day, Until = Day.AddDays(1) }));
        }
        finally
        {
            File.Delete(config);
        }

        var problem = batches.Single().Problems.Single();
        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.InputUnreadable));
        Assert.That(problem.Location.Path, Is.EqualTo($"{location}"));
        Assert.That(problem.Message, Does.StartWith("cannot list the bucket: ").And.Contain(reason));
    }

    [TestCaseSource(nameof(DownloadFailures))]
    public async Task ADownloadThatFailsIsAFailedBatchForThatObjectAndTheOthersAreRead(string failure, string reason)
    {
        using var bucket = await MotoBucket.CreateAsync(Moto.Server, timeout: Timeout);
        var first = await bucket.PutLogAsync(Day.AddHours(10));
        var broken = await bucket.PutLogAsync(Day.AddHours(11), storageClass: failure == "archived" ? S3StorageClass.Glacier : null);
        var last = await bucket.PutLogAsync(Day.AddHours(12));
        using var endpoint = Broken(failure);
        if (endpoint.Address is { } to)
        {
            bucket.Reader.Divert(call => call == $"get {broken}", to);
        }

        if (failure == "deleted")
        {
            bucket.Reader.Sending = call =>
            {
                if (call == $"get {broken}")
                {
                    bucket.DeleteAsync(broken).GetAwaiter().GetResult();
                }
            };
        }

        var batches = await S3Read.AllAsync(bucket, Day, Day.AddDays(1));

        Assert.That(batches.Select(b => b.Origin), Is.EqualTo(new[] { first, broken, last }.Select(k => $"s3://{bucket.Name}/{k}")));
        Assert.That(batches.Select(b => b.Events.Count), Is.EqualTo(new[] { 1, 0, 1 }));
        var problem = batches[1].Problems.Single();
        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.InputUnreadable));
        Assert.That(problem.Location.Path, Is.EqualTo($"s3://{bucket.Name}/{broken}"));
        Assert.That(problem.Message, Does.StartWith("cannot read the object: ").And.Contain(reason));
        Assert.That(bucket.Reader.Calls, Does.Contain($"get {broken}"), "the download was attempted");
    }

    [Test]
    public async Task StoppingTheReadIsNotReportedAsAFailure()
    {
        using var stop = new CancellationTokenSource();
        using var bucket = await MotoBucket.CreateAsync(Moto.Server);
        await bucket.PutLogAsync(Day.AddHours(10));
        bucket.Reader.Sending = call =>
        {
            if (call.StartsWith("list ", StringComparison.Ordinal))
            {
                stop.Cancel();
            }
        };

        Assert.That(async () => await S3Read.AllAsync(bucket, Day, Day.AddDays(1), stop: stop.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(bucket.Reader.Calls, Has.None.StartsWith("get "));
    }

    /// <summary>Where the failure's requests go instead of moto: nowhere listening, a silent or a resetting endpoint, or none.</summary>
    private static Diversion Broken(string failure) => failure switch
    {
        "refused" => new Diversion(BrokenEndpoint.Refusing, null),
        "silent" => Diversion.To(BrokenEndpoint.Silent()),
        "reset" => Diversion.To(BrokenEndpoint.Resetting()),
        _ => new Diversion(null, null),
    };

    private sealed record Diversion(Uri? Address, BrokenEndpoint? Endpoint) : IDisposable
    {
        public static Diversion To(BrokenEndpoint endpoint) => new(endpoint.Address, endpoint);

        public void Dispose() => Endpoint?.Dispose();
    }
}
