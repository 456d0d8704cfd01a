using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Sources.S3;
using DetectionKit.Engine.Tests.Support;

namespace DetectionKit.Engine.Tests.Sources.S3;

public sealed class PlanningTrailFolders
{
    private const string Org = "o-abc123def4";
    private static readonly DateTimeOffset Day = DateTimeOffset.Parse("2024-08-01T00:00:00Z");

    private static readonly string[] OrgFolders =
    [
        $"AWSLogs/{Org}/111111111111/CloudTrail/eu-west-1/",
        $"AWSLogs/{Org}/111111111111/CloudTrail/us-east-1/",
        $"AWSLogs/{Org}/111111111111/CloudTrail-Insight/us-east-1/",
        $"AWSLogs/{Org}/222222222222/CloudTrail/us-east-1/",
    ];

    private static readonly string[] SingleAccountFolders = ["AWSLogs/333333333333/CloudTrail/us-east-1/"];

    [TestCase("")]
    [TestCase("AWSLogs")]
    [TestCase("AWSLogs/")]
    public void TheBucketRootReadsEveryOrganizationAndAccount(string prefix) =>
        Assert.That(Plan(prefix), Is.EquivalentTo(OrgFolders.Concat(SingleAccountFolders)));

    [TestCase("team")]
    [TestCase("team/")]
    [TestCase("team/AWSLogs")]
    [TestCase("team/AWSLogs/")]
    public void ATrailKeyPrefixWithOrWithoutAWSLogsReadsTheTrailUnderIt(string prefix) =>
        Assert.That(Plan(prefix), Is.EqualTo(new[] { "team/AWSLogs/444444444444/CloudTrail/us-east-1/" }));

    [TestCase("my-AWSLogs")]
    [TestCase("my-AWSLogs/")]
    public void AWSLogsInsideAFolderNameIsPartOfTheTrailPrefix(string prefix) =>
        Assert.That(Plan(prefix), Is.EqualTo(new[] { "my-AWSLogs/AWSLogs/555555555555/CloudTrail/us-east-1/" }));

    [TestCase($"AWSLogs/{Org}")]
    [TestCase($"AWSLogs/{Org}/111111111111/")]
    [TestCase($"AWSLogs/{Org}/111111111111/CloudTrail")]
    [TestCase($"AWSLogs/{Org}/111111111111/CloudTrail/us-east-1/")]
    [TestCase($"AWSLogs/{Org}/111111111111/CloudTrail-Insight/")]
    [TestCase("AWSLogs/333333333333")]
    public void ALocationDeeperThanAWSLogsFixesWhatItNames(string prefix)
    {
        var expected = prefix.StartsWith("AWSLogs/333", StringComparison.Ordinal) ? SingleAccountFolders : OrgFolders.Where(f => f.StartsWith(prefix.TrimEnd('/') + "/", StringComparison.Ordinal)).ToArray();

        Assert.That(Plan(prefix), Is.EquivalentTo(expected));
        Assert.That(expected, Is.Not.Empty);
    }

    [Test]
    public void AFullyNamedLocationMakesNoFolderListingAtAll()
    {
        using var bucket = Bucket();

        var folders = Plan(bucket, $"AWSLogs/{Org}/111111111111/CloudTrail/us-east-1/");

        Assert.That(folders, Is.EqualTo(new[] { $"AWSLogs/{Org}/111111111111/CloudTrail/us-east-1/" }));
        Assert.That(bucket.Listings, Is.Empty);
    }

    [Test]
    public void AccountsAndRegionsNarrowTheLocationFurther()
    {
        using var bucket = Bucket();
        var options = Options(string.Empty) with { Accounts = ["111111111111", "333333333333"], Regions = ["us-east-1"] };

        var folders = Plan(bucket, options);

        Assert.That(folders, Is.EquivalentTo(new[]
        {
            $"AWSLogs/{Org}/111111111111/CloudTrail/us-east-1/",
            $"AWSLogs/{Org}/111111111111/CloudTrail-Insight/us-east-1/",
            $"AWSLogs/{Org}/111111111111/CloudTrail-Digest/us-east-1/",
            $"AWSLogs/{Org}/333333333333/CloudTrail/us-east-1/",
            $"AWSLogs/{Org}/333333333333/CloudTrail-Insight/us-east-1/",
            $"AWSLogs/{Org}/333333333333/CloudTrail-Digest/us-east-1/",
            "AWSLogs/333333333333/CloudTrail/us-east-1/",
            "AWSLogs/333333333333/CloudTrail-Insight/us-east-1/",
            "AWSLogs/333333333333/CloudTrail-Digest/us-east-1/",
        }));
        Assert.That(bucket.Listings, Is.EqualTo(new[] { "folders AWSLogs/" }), "accounts and regions given are not looked up in an organization");
    }

    [TestCase("AWSLogs/1111-2222-3333/", "'1111-2222-3333' is not an organization id (o-…) or a 12-digit account id")]
    [TestCase($"AWSLogs/{Org}/prod/", "'prod' is not a 12-digit account id")]
    [TestCase("AWSLogs/111111111111/vpcflowlogs/", "'vpcflowlogs' is not CloudTrail or CloudTrail-Insight (digest files are not read)")]
    [TestCase("AWSLogs/111111111111/CloudTrail-Digest/", "'CloudTrail-Digest' is not CloudTrail or CloudTrail-Insight")]
    [TestCase("AWSLogs/111111111111/CloudTrail/US-EAST-1/", "'US-EAST-1' is not a region such as us-east-1")]
    [TestCase("AWSLogs/111111111111/CloudTrail/us-east-1/2024/08/01/", "goes below the region folder ('2024/08/01'); give the days with --since and --until instead")]
    public void ALocationThatIsNotATrailFolderIsRefusedSayingWhy(string prefix, string why)
    {
        Assert.That(CloudTrailLocation.TryParse(InMemoryBucket.Location(prefix), out _, out var error), Is.False);
        Assert.That(error, Does.StartWith($"s3://trail-bucket/{prefix}: ").And.Contain(why));
    }

    [TestCase("", "no AWSLogs/<account>/ folders under s3://trail-bucket/: does the trail write under a key prefix?")]
    [TestCase("security/", "no AWSLogs/<account>/ folders under s3://trail-bucket/security/: is 'security/' the trail's key prefix?")]
    [TestCase("AWSLogs/o-nothing1234/", "no account folders under s3://trail-bucket/AWSLogs/o-nothing1234/")]
    public async Task ALocationWithNoAccountFoldersSaysSoInsteadOfReadingNothingQuietly(string prefix, string warning)
    {
        using var bucket = new InMemoryBucket();
        bucket.PutLog(Day.AddHours(1), prefix: "trail/");

        var batches = await S3Read.AllAsync(bucket, Day, Day.AddDays(1), prefix);

        var problem = batches.Single().Problems.Single();
        Assert.That((problem.Code, problem.Severity), Is.EqualTo((DiagnosticCodes.NothingToRead, DiagnosticSeverity.Warning)));
        Assert.That(problem.Location.Path, Is.EqualTo($"s3://trail-bucket/{prefix}"));
        Assert.That(problem.Message, Is.EqualTo(warning));
    }

    [Test]
    public async Task AccountsThatHaveNoFolderAreNamedInTheWarning()
    {
        using var bucket = new InMemoryBucket();
        bucket.PutLog(Day.AddHours(1), account: "111111111111");
        var source = new S3EventSource(bucket, Options(string.Empty) with { Accounts = ["999999999999"] });

        var batches = await S3Read.AllAsync(source);

        Assert.That(batches.Single().Problems.Single().Message, Is.EqualTo("none of the accounts asked for (999999999999) has a folder under s3://trail-bucket/"));
    }

    private static InMemoryBucket Bucket()
    {
        var bucket = new InMemoryBucket();
        foreach (var folder in OrgFolders.Concat(SingleAccountFolders).Append("team/AWSLogs/444444444444/CloudTrail/us-east-1/").Append("my-AWSLogs/AWSLogs/555555555555/CloudTrail/us-east-1/"))
        {
            bucket.Put($"{folder}2024/08/01/x.json.gz", []);
        }

        bucket.Put($"AWSLogs/{Org}/111111111111/CloudTrail-Digest/us-east-1/2024/08/01/d.json.gz", []);
        bucket.Put("AWSLogs/notes.txt", []);
        return bucket;
    }

    private static IReadOnlyList<string> Plan(string prefix)
    {
        using var bucket = Bucket();
        return Plan(bucket, prefix).Where(f => !f.Contains("CloudTrail-Digest", StringComparison.Ordinal)).ToList();
    }

    private static IReadOnlyList<string> Plan(InMemoryBucket bucket, string prefix) => Plan(bucket, Options(prefix));

    private static IReadOnlyList<string> Plan(InMemoryBucket bucket, S3SourceOptions options)
    {
        Assert.That(CloudTrailLocation.TryParse(options.Location, out var location, out var error), Is.True, error);
        var plan = new CloudTrailPrefixPlanner(bucket, options, new S3SourceCounters()).PlanAsync(location!, CancellationToken.None).GetAwaiter().GetResult();
        Assert.That(plan.Warning, Is.Null);
        return plan.Folders;
    }

    private static S3SourceOptions Options(string prefix) => new() { Location = InMemoryBucket.Location(prefix), Since = Day, Until = Day.AddDays(1) };
}
