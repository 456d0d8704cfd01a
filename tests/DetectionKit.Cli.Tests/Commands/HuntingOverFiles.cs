using System.Text.Json.Nodes;
using DetectionKit.Cli.Tests.Support;

namespace DetectionKit.Cli.Tests.Commands;

/// <summary><c>hunt</c> over files: C# expressions over the record, compiled as rules are, answered a record at a time.</summary>
public sealed class HuntingOverFiles
{
    private const string Alice = "arn:aws:iam::111111111111:user/alice";
    private const string Bob = "arn:aws:iam::111111111111:user/bob";

    private RulesWorkspace workspace = null!;
    private string trail = null!;

    [OneTimeSetUp]
    public void WriteATrail()
    {
        workspace = new RulesWorkspace();
        var lines = new[]
        {
            Record("secretsmanager", "GetSecretValue", Alice, "203.0.113.5"),
            Record("secretsmanager", "GetSecretValue", Bob, "10.0.0.8"),
            Record("s3", "DeleteBucket", Alice, "203.0.113.5", "AccessDenied", "audit-logs"),
            Record("s3", "PutObject", Alice, "203.0.113.5", "AccessDenied", "audit,logs"),
            Record("s3", "ListBuckets", Bob, "10.0.0.8", "AccessDenied"),
            "{\"foo\":1}",
            "{\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\"}",
        };
        trail = workspace.AddFile("trail/records.jsonl", string.Join('\n', lines) + "\n");
    }

    [OneTimeTearDown]
    public void DeleteTheTrail() => workspace.Dispose();

    [Test]
    public void AWhereAlonePrintsTheMatchingRecordsWholeAndCountsWhatItCouldNotTest()
    {
        var result = Shell.Run("hunt", "--where", "e.EventName == \"GetSecretValue\"", "--source", trail, "--format", "jsonl");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        Assert.That(result.OutLines.Select(l => JsonNode.Parse(l)!["userIdentity"]!["arn"]!.GetValue<string>()), Is.EqualTo(new[] { Alice, Bob }));
        Assert.That(result.OutLines.Select(l => JsonNode.Parse(l)!["eventName"]!.GetValue<string>()), Is.All.EqualTo("GetSecretValue"));
        Assert.That(result.Error, Does.Contain("7 records scanned, 2 matched, files/objects read: 1, empty inputs: 0, unreadable inputs: 0, records not evaluated: 2 (not CloudTrail 1, undated 1, bad eventTime 0)"));
        Assert.That(result.Error, Does.Contain("error DK4006").Or.Contain("warning DK4006"), "the record that is not CloudTrail is named, as run names it");
    }

    [Test]
    public void SelectedColumnsLineUpUnderTheExpressionsThatMadeThem()
    {
        var result = Shell.Run("hunt", "--where", "e.ErrorCode == \"AccessDenied\"", "--select", "e.EventName, e.UserIdentity.Arn", "--source", trail);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        var lines = result.OutLines;
        Assert.That(lines, Has.Count.EqualTo(5));
        Assert.That(lines[0], Does.Match(@"^e\.EventName +e\.UserIdentity\.Arn$"));
        Assert.That(lines[1], Does.Match("^-+  -+$"));
        var second = lines[0].IndexOf("e.UserIdentity.Arn", StringComparison.Ordinal);
        Assert.That(lines.Skip(2).Select(l => l[second..]), Is.EqualTo(new[] { Alice, Alice, Bob }));
        Assert.That(lines.Skip(2).Select(l => l[..second].TrimEnd()), Is.EqualTo(new[] { "DeleteBucket", "PutObject", "ListBuckets" }));
    }

    [Test]
    public void ASelectListKeepsCommasInsideCallsStringsAndGenericsAndWritesRfc4180Csv()
    {
        var select = "string.Join(\",\", new List<string> { e.EventName, \"x\" }), e.RequestParameter(\"bucketName\"), e.SourceIPAddress";
        var result = Shell.Run("hunt", "--where", "e.EventSource == \"s3.amazonaws.com\"", "--select", select, "--source", trail, "--format", "csv");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        Assert.That(result.Out, Is.EqualTo(
            "\"string.Join(\"\",\"\", new List<string> { e.EventName, \"\"x\"\" })\",\"e.RequestParameter(\"\"bucketName\"\")\",e.SourceIPAddress\r\n" +
            "\"DeleteBucket,x\",audit-logs,203.0.113.5\r\n" +
            "\"PutObject,x\",\"audit,logs\",203.0.113.5\r\n" +
            "\"ListBuckets,x\",,10.0.0.8\r\n"));
    }

    [Test]
    public void SelectedColumnsAsJsonLinesAreKeyedByTheirExpressions()
    {
        var result = Shell.Run("hunt", "--where", "e.EventName == \"GetSecretValue\"", "--select", "e.SourceIPAddress, e.SourceAddress.IsPrivate, e.EventTime", "--source", trail, "--format", "jsonl");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        var first = JsonNode.Parse(result.OutLines[0])!.AsObject();
        Assert.That(first.Select(p => p.Key), Is.EqualTo(new[] { "e.SourceIPAddress", "e.SourceAddress.IsPrivate", "e.EventTime" }));
        Assert.That(first["e.SourceIPAddress"]!.GetValue<string>(), Is.EqualTo("203.0.113.5"));
        Assert.That(first["e.SourceAddress.IsPrivate"]!.GetValue<bool>(), Is.False);
        Assert.That(JsonNode.Parse(result.OutLines[1])!["e.SourceAddress.IsPrivate"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public void CountByCountsTheMatchesPerKeyLargestFirst()
    {
        var result = Shell.Run("hunt", "--where", "e.ErrorCode == \"AccessDenied\"", "--count-by", "e.UserIdentity.Arn", "--source", trail, "--format", "jsonl");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        Assert.That(result.OutLines, Is.EqualTo(new[]
        {
            $"{{\"e.UserIdentity.Arn\":\"{Alice}\",\"count\":2}}",
            $"{{\"e.UserIdentity.Arn\":\"{Bob}\",\"count\":1}}",
        }));
        Assert.That(result.Error, Does.Contain("3 matched").And.Contain("distinct keys: 2"));
    }

    [Test]
    public void CountByAsATableWithALimitShowsTheLargestCounts()
    {
        var result = Shell.Run("hunt", "--count-by", "e.EventSource, e.ErrorCode", "--source", trail, "--limit", "1");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        Assert.That(result.OutLines, Has.Count.EqualTo(3));
        Assert.That(result.OutLines[0], Does.Match(@"^e\.EventSource +e\.ErrorCode +count$"));
        Assert.That(result.OutLines[2], Does.Match(@"^s3\.amazonaws\.com +AccessDenied +3$"));
        Assert.That(result.Error, Does.Contain("--limit 1: the 1 largest of 2 counts are shown"));
    }

    [Test]
    public void LimitStopsAfterThatManyMatchesAndSaysItStoppedEarly()
    {
        var result = Shell.Run("hunt", "--where", "e.UserIdentity.Arn == \"" + Alice + "\"", "--source", trail, "--format", "jsonl", "--limit", "2");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        Assert.That(result.OutLines, Has.Count.EqualTo(2));
        Assert.That(result.Error, Does.Contain("3 records scanned, 2 matched").And.Contain("stopped early at --limit 2: more records may match"));
    }

    [Test]
    public void StdinIsReadLikeAFile()
    {
        var result = Shell.RunWithInput(File.ReadAllBytes(trail), "hunt", "--count-by", "e.EventName == \"GetSecretValue\"", "--source", "-", "--format", "csv");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        Assert.That(result.Out, Is.EqualTo("\"e.EventName == \"\"GetSecretValue\"\"\",count\r\nfalse,3\r\ntrue,2\r\n"));
    }

    [Test]
    public void ASyntaxErrorIsShownUnderTheExpressionAtItsColumn()
    {
        var result = Shell.Run("hunt", "--where", "e.EventName == \"x\" &&", "--source", trail);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString);
        Assert.That(result.Out, Is.Empty);
        var lines = result.Error.Split('\n');
        Assert.That(lines[0], Does.StartWith("--where:1:22: error DK8001: "));
        Assert.That(lines[1], Is.EqualTo("  e.EventName == \"x\" &&"));
        Assert.That(lines[2], Is.EqualTo("  " + new string(' ', 21) + "^"));
        Assert.That(result.Error, Does.Contain("nothing was read"));
    }

    [Test]
    public void AWhereThatIsNotTrueOrFalseIsATypeErrorAtItsColumn()
    {
        var result = Shell.Run("hunt", "--where", "  e.EventName", "--source", trail);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString);
        Assert.That(result.Error, Does.StartWith("--where:1:3: error DK8002: --where must be true or false for each record, but this expression is of type string"));
        Assert.That(result.Error, Does.Contain("\n    ^\n"));
    }

    [Test]
    public void AnErrorInOneSelectedColumnIsAtThatColumnOfTheList()
    {
        var result = Shell.Run("hunt", "--select", "e.EventName, e.NoSuchThing", "--source", trail);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString);
        Assert.That(result.Error, Does.StartWith("--select:1:16: error DK2001: CS1061: 'CloudTrailEvent' does not contain a definition for 'NoSuchThing'"));
    }

    [Test]
    public void AnApiRulesMayNotUseIsRefusedWithTheDiagnosticRulesGet()
    {
        var result = Shell.Run("hunt", "--where", "e.EventName == System.IO.File.ReadAllText(\"/etc/hostname\")", "--source", trail);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString);
        Assert.That(result.Error, Does.StartWith("--where:1:16: error DK2006: 'System.IO.File' is not available to rule scripts"));
        Assert.That(result.Out, Is.Empty);
    }

    [Test]
    public void ALineDirectiveCannotMoveCodeOutOfTheAllowListsSight()
    {
        var where = Shell.Run("hunt", "--where", "e.EventName != null &&\n#line 1 \"elsewhere\"\nSystem.IO.File.Exists(\"/etc/hostname\")", "--source", trail);
        var select = Shell.Run("hunt", "--select", "e.EventName,\n#line hidden\nSystem.IO.File.Exists(\"/etc/hostname\")", "--source", trail);

        Assert.That(where.ExitCode, Is.EqualTo(2), where.ToString);
        Assert.That(where.Error, Does.StartWith("--where:2:1: error DK8001: preprocessor directives (#line, #if, #pragma, ...) are not allowed in an expression"));
        Assert.That(select.ExitCode, Is.EqualTo(2), select.ToString);
        Assert.That(select.Error, Does.StartWith("--select:2:1: error DK8001: preprocessor directives"));
        Assert.That(where.Out + select.Out, Is.Empty);
    }

    [Test]
    public void AnExpressionThatThrowsOnSomeRecordsIsCountedAndReportedOnceAndTheScanGoesOn()
    {
        var result = Shell.Run("hunt", "--where", "e.RequestParameter(\"bucketName\").Length > 3", "--source", trail, "--format", "jsonl");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        Assert.That(result.OutLines, Has.Count.EqualTo(2));
        Assert.That(result.Error, Does.Contain($"--where:1:1: error DK8003: 'e.RequestParameter(\"bucketName\").Length > 3' threw on 3 records: NullReferenceException: "));
        Assert.That(result.Error, Does.Contain("first at " + trail + ":1:1 (record index 0)"));
        Assert.That(result.Error, Does.Contain("7 records scanned, 2 matched"));
    }

    [Test]
    public void AnEndlessLoopInALambdaIsStoppedByTheBudgetOfARuleCall()
    {
        var result = Shell.Run("hunt", "--where", "e.EventName == \"ListBuckets\" && new Func<bool>(() => { while (true) { } })()", "--source", trail);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        Assert.That(result.Error, Does.Contain("error DK8004: 'e.EventName == \"ListBuckets\" && new Func<bool>(() => { while (true) { } })()' was stopped on 1 record: it ran more than 100,000 steps"));
        Assert.That(result.Error, Does.Contain("7 records scanned, 0 matched"));
    }

    [Test]
    public void ADryRunCountsTheFilesAndBytesAndReadsNone()
    {
        using var folder = new RulesWorkspace();
        var one = folder.AddFile("logs/a.json", "{\"Records\":[]}");
        var two = folder.AddFile("logs/nested/b.jsonl.gz", "not gzip at all: a dry run does not notice");
        folder.AddFile("logs/README.md", "skipped");

        var result = Shell.Run("hunt", "--where", "true", "--source", Path.Combine(folder.Root, "logs"), "--dry-run");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        var bytes = new FileInfo(one).Length + new FileInfo(two).Length;
        Assert.That(result.Out, Is.EqualTo($"dry run: nothing was read\nfiles: 2 files, {bytes} bytes (skipped files: 1)\n"));
    }

    [Test]
    public void SelectAndCountByTogetherAreAUsageError()
    {
        var result = Shell.Run("hunt", "--select", "e.EventName", "--count-by", "e.EventName", "--source", trail);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.StartWith("error: --select and --count-by do not go together"));
    }

    private static string Record(string service, string name, string arn, string address, string? errorCode = null, string? bucket = null)
    {
        var record = new JsonObject
        {
            ["eventVersion"] = "1.09",
            ["eventTime"] = "2024-08-05T10:00:00Z",
            ["eventSource"] = $"{service}.amazonaws.com",
            ["eventName"] = name,
            ["awsRegion"] = "us-east-1",
            ["sourceIPAddress"] = address,
            ["userIdentity"] = new JsonObject { ["type"] = "IAMUser", ["arn"] = arn, ["accountId"] = "111111111111" },
            ["recipientAccountId"] = "111111111111",
        };
        if (errorCode is not null)
        {
            record["errorCode"] = errorCode;
        }

        if (bucket is not null)
        {
            record["requestParameters"] = new JsonObject { ["bucketName"] = bucket };
        }

        return record.ToJsonString();
    }
}
