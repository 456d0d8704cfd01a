using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Tests.Support;

namespace DetectionKit.Engine.Tests.Sources.S3;

public sealed class ReportingS3Failures
{
    private static readonly DateTimeOffset Day = DateTimeOffset.Parse("2024-08-01T00:00:00Z");

    private static IEnumerable<TestCaseData> Failures()
    {
        yield return new TestCaseData(new HttpRequestException("Connection refused (127.0.0.1:1)"), "Connection refused (127.0.0.1:1)").SetName("an unreachable endpoint");
        yield return new TestCaseData(new AmazonClientException("No RegionEndpoint or ServiceURL configured"), "No RegionEndpoint or ServiceURL configured").SetName("a client without a region");
        yield return new TestCaseData(new AmazonServiceException("Service Unavailable") { ErrorCode = "ServiceUnavailable", StatusCode = HttpStatusCode.ServiceUnavailable }, "ServiceUnavailable: Service Unavailable").SetName("a service error");
        yield return new TestCaseData(new AmazonS3Exception("Access Denied") { ErrorCode = "AccessDenied", StatusCode = HttpStatusCode.Forbidden }, "AccessDenied: Access Denied").SetName("an S3 error");
        yield return new TestCaseData(new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.", new TimeoutException("timeout")), "timed out").SetName("a timeout");
        yield return new TestCaseData(new IOException("Unable to read data from the transport connection"), "Unable to read data").SetName("a broken connection");
    }

    [TestCaseSource(nameof(Failures))]
    public async Task AListingThatFailsIsOneFailedBatchNamingTheLocation(Exception failure, string reason)
    {
        using var bucket = new InMemoryBucket { FailListing = _ => failure };
        bucket.PutLog(Day.AddHours(10));

        var batches = await S3Read.AllAsync(bucket, Day, Day.AddDays(1), "team/");

        var problem = batches.Single().Problems.Single();
        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.InputUnreadable));
        Assert.That(problem.Location.Path, Is.EqualTo("s3://trail-bucket/team/"));
        Assert.That(problem.Message, Does.StartWith("cannot list the bucket: ").And.Contain(reason));
    }

    [TestCaseSource(nameof(Failures))]
    public async Task ADownloadThatFailsIsAFailedBatchForThatObjectAndTheOthersAreRead(Exception failure, string reason)
    {
        using var bucket = new InMemoryBucket();
        var first = bucket.PutLog(Day.AddHours(10));
        var broken = bucket.PutLog(Day.AddHours(11));
        var last = bucket.PutLog(Day.AddHours(12));
        bucket.FailDownload = key => key == broken ? failure : null;

        var batches = await S3Read.AllAsync(bucket, Day, Day.AddDays(1));

        Assert.That(batches.Select(b => b.Origin), Is.EqualTo(new[] { first, broken, last }.Select(k => $"s3://trail-bucket/{k}")));
        Assert.That(batches.Select(b => b.Events.Count), Is.EqualTo(new[] { 1, 0, 1 }));
        var problem = batches[1].Problems.Single();
        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.InputUnreadable));
        Assert.That(problem.Location.Path, Is.EqualTo($"s3://trail-bucket/{broken}"));
        Assert.That(problem.Message, Does.StartWith("cannot read the object: ").And.Contain(reason));
    }

    [Test]
    public void StoppingTheReadIsNotReportedAsAFailure()
    {
        using var stop = new CancellationTokenSource();
        using var bucket = new InMemoryBucket();
        bucket.PutLog(Day.AddHours(10));
        bucket.FailListing = _ =>
        {
            stop.Cancel();
            return new OperationCanceledException(stop.Token);
        };

        Assert.That(async () => await S3Read.AllAsync(bucket, Day, Day.AddDays(1), stop: stop.Token), Throws.InstanceOf<OperationCanceledException>());
    }
}
