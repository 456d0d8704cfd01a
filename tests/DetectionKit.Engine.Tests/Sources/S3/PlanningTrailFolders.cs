using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Sources.S3;
using DetectionKit.Engine.Tests.Support;

namespace DetectionKit.Engine.Tests.Sources.S3;

/// <summary>
/// The folders the S3 source plans to read for a location, from a bucket laid out as a trail's (put once
/// for the fixture and only read); each test reads it with a client of its own, whose calls it checks.
/// </summary>
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

    private MotoBucket layout = null!;

    [OneTimeSetUp]
    public async Task LayOutTheTrails()
    {
        layout = await MotoBucket.CreateAsync(Moto.Server);
        foreach (var folder in OrgFolders.Concat(SingleAccountFolders).Append("team/AWSLogs/444444444444/CloudTrail/us-east-1/").Append("my-AWSLogs/AWSLogs/555555555555/CloudTrail/us-east-1/"))
        {
            await layout.PutAsync($"{folder}2024/08/01/x.json.gz", []);
        }

        await layout.PutAsync($"AWSLogs/{Org}/111111111111/CloudTrail-Digest/us-east-1/2024/08/01/d.json.gz", []);
        await layout.PutAsync("AWSLogs/notes.txt", []);
    }

    [OneTimeTearDown]
    public void RemoveTheLayout() => layout.Dispose();

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
        var reader = layout.NewReader();

        var folders = Plan(reader, $"AWSLogs/{Org}/111111111111/CloudTrail/us-east-1/");

        Assert.That(folders, Is.EqualTo(new[] { $"AWSLogs/{Org}/111111111111/CloudTrail/us-east-1/" }));
        Assert.That(reader.Calls, Is.Empty);
    }

    [Test]
    public void AccountsAndRegionsNarrowTheLocationFurther()
    {
        var reader = layout.NewReader();
        var options = Options(string.Empty) with { Accounts = ["111111111111", "333333333333"], Regions = ["us-east-1"] };

        var folders = Plan(reader, options);

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
        Assert.That(reader.Calls, Is.EqualTo(new[] { "folders AWSLogs/" }), "accounts and regions given are not looked up in an organization");
    }

    [TestCase("AWSLogs/1111-2222-3333/", "'1111-2222-3333' is not an organization id (o-…) or a 12-digit account id")]
    [TestCase($"AWSLogs/{Org}/prod/", "'prod' is not a 12-digit account id")]
    [TestCase("AWSLogs/111111111111/vpcflowlogs/", "'vpcflowlogs' is not CloudTrail or CloudTrail-Insight (digest files are not read)")]
    [TestCase("AWSLogs/111111111111/CloudTrail-Digest/", "'CloudTrail-Digest' is not CloudTrail or CloudTrail-Insight")]
    [TestCase("AWSLogs/111111111111/CloudTrail/US-EAST-1/", "'US-EAST-1' is not a region such as us-east-1")]
    [TestCase("AWSLogs/111111111111/CloudTrail/us-east-1/2024/08/01/", "goes below the region folder ('2024/08/01'); give the days with --since and --until instead")]
    public void ALocationThatIsNotATrailFolderIsRefusedSayingWhy(string prefix, string why)
    {
        Assert.That(CloudTrailLocation.TryParse(new S3Uri("trail-bucket", prefix), out _, out var error), Is.False);
        Assert.That(error, Does.StartWith($"s3://trail-bucket/{prefix}: ").And.Contain(why));
    }

    [TestCase("", "no AWSLogs/<account>/ folders under s3://{0}/: does the trail write under a key prefix?")]
    [TestCase("security/", "no AWSLogs/<account>/ folders under s3://{0}/security/: is 'security/' the trail's key prefix?")]
    [TestCase("AWSLogs/o-nothing1234/", "no account folders under s3://{0}/AWSLogs/o-nothing1234/")]
    public async Task ALocationWithNoAccountFoldersSaysSoInsteadOfReadingNothingQuietly(string prefix, string warning)
    {
        using var bucket = await MotoBucket.CreateAsync(Moto.Server);
        await bucket.PutLogAsync(Day.AddHours(1), prefix: "trail/");

        var batches = await S3Read.AllAsync(bucket, Day, Day.AddDays(1), prefix);

        var problem = batches.Single().Problems.Single();
        Assert.That((problem.Code, problem.Severity), Is.EqualTo((DiagnosticCodes.NothingToRead, DiagnosticSeverity.Warning)));
        Assert.That(problem.Location.Path, Is.EqualTo($"s3://{bucket.Name}/{prefix}"));
        Assert.That(problem.Message, Is.EqualTo(string.Format(System.Globalization.CultureInfo.InvariantCulture, warning, bucket.Name)));
    }

    [Test]
    public async Task AccountsThatHaveNoFolderAreNamedInTheWarning()
    {
        using var bucket = await MotoBucket.CreateAsync(Moto.Server);
        await bucket.PutLogAsync(Day.AddHours(1), account: "111111111111");
        var source = new S3EventSource(bucket.Reader.Client, Options(bucket, string.Empty) with { Accounts = ["999999999999"] });

        var batches = await S3Read.AllAsync(source);

        Assert.That(batches.Single().Problems.Single().Message, Is.EqualTo($"none of the accounts asked for (999999999999) has a folder under s3://{bucket.Name}/"));
    }

    private IReadOnlyList<string> Plan(string prefix) =>
        Plan(layout.NewReader(), prefix).Where(f => !f.Contains("CloudTrail-Digest", StringComparison.Ordinal)).ToList();

    private IReadOnlyList<string> Plan(RecordedS3Client reader, string prefix) => Plan(reader, Options(prefix));

    private static IReadOnlyList<string> Plan(RecordedS3Client reader, S3SourceOptions options)
    {
        Assert.That(CloudTrailLocation.TryParse(options.Location, out var location, out var error), Is.True, error);
        var plan = new CloudTrailPrefixPlanner(reader.Client, options, new S3SourceCounters()).PlanAsync(location!, CancellationToken.None).GetAwaiter().GetResult();
        Assert.That(plan.Warning, Is.Null);
        return plan.Folders;
    }

    private S3SourceOptions Options(string prefix) => Options(layout, prefix);

    private static S3SourceOptions Options(MotoBucket bucket, string prefix) => new() { Location = bucket.Location(prefix), Since = Day, Until = Day.AddDays(1) };
}
