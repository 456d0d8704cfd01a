using DetectionKit.Engine.Sources;
using DetectionKit.Tests.Shared;
using DetectionKit.Tooling.Catalog;

namespace DetectionKit.Tooling.Tests.Catalog;

public sealed class ReadingTheApiCatalog
{
    private static ApiCatalog Shipped => ApiCatalog.Default;

    [TestCase("cloudtrail.amazonaws.com", "StopLogging")]
    [TestCase("iam.amazonaws.com", "AttachUserPolicy")]
    [TestCase("sts.amazonaws.com", "AssumeRole")]
    [TestCase("kms.amazonaws.com", "ScheduleKeyDeletion")]
    [TestCase("s3.amazonaws.com", "PutBucketPolicy")]
    [TestCase("s3.amazonaws.com", "PutBucketPublicAccessBlock")]
    [TestCase("monitoring.amazonaws.com", "DescribeAlarms")]
    [TestCase("route53resolver.amazonaws.com", "DeleteResolverQueryLogConfig")]
    [TestCase("guardduty.amazonaws.com", "DeleteDetector")]
    [TestCase("macie2.amazonaws.com", "DisableMacie")]
    [TestCase("ssm.amazonaws.com", "StartSession")]
    [TestCase("ec2-instance-connect.amazonaws.com", "SendSerialConsoleSSHPublicKey")]
    public void KnownOperationsAreInIt(string eventSource, string eventName)
    {
        Assert.That(Shipped.HasOperation(eventSource, eventName), Is.True);
    }

    [TestCase("bedrock.amazonaws.com", "InvokeModel", Description = "bedrock-runtime signs as bedrock")]
    [TestCase("ses.amazonaws.com", "GetSendQuota", Description = "SES's endpoint is email, its signing name ses")]
    [TestCase("ecr.amazonaws.com", "GetAuthorizationToken", Description = "endpoint api.ecr")]
    [TestCase("sso.amazonaws.com", "GetRoleCredentials", Description = "the portal API signs as awsssoportal")]
    [TestCase("lambda.amazonaws.com", "UpdateFunctionCode20150331v2", Description = "Lambda's versioned names")]
    [TestCase("lambda.amazonaws.com", "CreateFunction20150331")]
    [TestCase("lambda.amazonaws.com", "Invoke", Description = "data events are unversioned (supplement)")]
    [TestCase("signin.amazonaws.com", "ConsoleLogin", Description = "CloudTrail-only (supplement)")]
    public void EventSourcesAndNamesAreTheOnesCloudTrailRecords(string eventSource, string eventName)
    {
        Assert.That(Shipped.HasOperation(eventSource, eventName), Is.True);
    }

    [Test]
    public void NamesOnlyTheModelsKnowAreNotInIt()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Shipped.HasEventSource("bedrock-runtime.amazonaws.com"), Is.False);
            Assert.That(Shipped.HasEventSource("email.amazonaws.com"), Is.False);
            Assert.That(Shipped.HasOperation("lambda.amazonaws.com", "UpdateFunctionCode"), Is.False, "Lambda never records the unversioned name");
            Assert.That(Shipped.HasOperation("cloudtrail.amazonaws.com", "StopLoging"), Is.False);
            Assert.That(Shipped.HasOperation("cloudtrail.amazonaws.com", "stoplogging"), Is.False, "names are case-sensitive, as dispatch is");
        });
    }

    [Test]
    public void ItSaysWhichBotocoreItCameFrom()
    {
        Assert.That(Shipped.BotocoreVersion, Does.Match(@"^\d+\.\d+\.\d+$"));
        Assert.That(Shipped.EventSources, Has.Count.GreaterThan(300));
    }

    [Test]
    public async Task EveryEventOfTheSharedDatasetsAndFixturesIsInIt()
    {
        var folders = new[] { RepositoryPaths.SharedDatasets, RepositoryPaths.Fixtures }.Where(Directory.Exists).ToList();
        if (folders.Count == 0)
        {
            Assert.Ignore("neither ../shared/datasets nor fixtures/ is there (the tests run outside the project's workspace)");
        }

        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var pairs = 0;
        await foreach (var batch in new FileEventSource(folders).ReadAsync())
        {
            using (batch)
            {
                foreach (var e in batch.Events.Where(e => e.EventSource is not null && e.EventName is not null))
                {
                    pairs++;
                    if (!Shipped.HasOperation(e.EventSource!, e.EventName!))
                    {
                        missing.Add($"{e.EventSource} {e.EventName} ({Path.GetFileName(batch.Origin)})");
                    }
                }
            }
        }

        Assert.That(pairs, Is.GreaterThan(300));
        Assert.That(missing, Is.Empty, "add CloudTrail-only names to Catalog/api-catalog-supplement.txt with a reference");
    }

    [Test]
    public void AMisspelledEventNameSuggestsTheOperationOfItsSource()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Shipped.SuggestOperation("StopLoging", ["cloudtrail.amazonaws.com"]), Is.EqualTo("StopLogging"));
            Assert.That(Shipped.SuggestOperation("stoplogging", ["cloudtrail.amazonaws.com"]), Is.EqualTo("StopLogging"), "case first");
            Assert.That(Shipped.SuggestOperation("UpdateFunctionCode", ["lambda.amazonaws.com"]), Does.StartWith("UpdateFunctionCode2015"), "a versioned name extends the plain one");
            Assert.That(Shipped.SuggestOperation("AtachRolePolicy", []), Is.EqualTo("AttachRolePolicy"), "any source when none is given");
            Assert.That(Shipped.SuggestOperation("Xyzzy", ["cloudtrail.amazonaws.com"]), Is.Null);
        });
    }

    [Test]
    public void AMisspelledEventSourceSuggestsTheRealOne()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Shipped.SuggestEventSource("cloudtrial.amazonaws.com"), Is.EqualTo("cloudtrail.amazonaws.com"));
            Assert.That(Shipped.SuggestEventSource("guardduty"), Is.EqualTo("guardduty.amazonaws.com"), "the domain left out");
        });
    }

    [Test]
    public void AnOperationNamesTheSourcesThatHaveIt()
    {
        Assert.That(Shipped.EventSourcesOf("ConsoleLogin"), Is.EqualTo(new[] { "signin.amazonaws.com" }));
        Assert.That(Shipped.EventSourcesOf("NoSuchOperation"), Is.Empty);
    }

    [Test]
    public void SupplementLinesListASourceThenNamesAndIgnoreComments()
    {
        const string Text = "# why\nsignin.amazonaws.com ConsoleLogin  CheckMfa # sign-in\n\n   \nkms.amazonaws.com\tDeleteKey\nlonely.amazonaws.com\n";

        var pairs = ApiCatalogResources.ParseSupplement(Text).ToList();

        Assert.That(pairs, Is.EqualTo(new[]
        {
            ("signin.amazonaws.com", "ConsoleLogin"),
            ("signin.amazonaws.com", "CheckMfa"),
            ("kms.amazonaws.com", "DeleteKey"),
        }));
    }

    [Test]
    public void ACatalogCanBeBuiltFromPairs()
    {
        var catalog = new ApiCatalog([("a.amazonaws.com", "One"), ("a.amazonaws.com", "Two"), ("a.amazonaws.com", "One"), ("b.amazonaws.com", "One")]);

        Assert.That(catalog.OperationsOf("a.amazonaws.com"), Is.EquivalentTo(new[] { "One", "Two" }));
        Assert.That(catalog.EventSourcesOf("One"), Is.EqualTo(new[] { "a.amazonaws.com", "b.amazonaws.com" }));
        Assert.That(catalog.OperationsOf("c.amazonaws.com"), Is.Empty);
        Assert.That(catalog.BotocoreVersion, Is.Null);
    }
}
