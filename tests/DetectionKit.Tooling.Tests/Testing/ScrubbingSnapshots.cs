using System.Globalization;
using System.Text.Json.Nodes;
using DetectionKit.Tests.Shared;
using DetectionKit.Tooling.Testing;

namespace DetectionKit.Tooling.Tests.Testing;

public sealed class ScrubbingSnapshots
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void TheRulesDirectoryBecomesAPlaceholder()
    {
        var root = Path.Combine(Path.GetTempPath(), "rules-root");
        var scrubber = new SnapshotScrubber(root + Path.DirectorySeparatorChar, Now);

        var scrubbed = scrubber.Scrub(new JsonObject { ["script"] = Path.Combine(root, "aws", "rule.csx") });

        Assert.That(scrubbed!["script"]!.GetValue<string>(), Is.EqualTo("{RulesDir}" + Path.DirectorySeparatorChar + Path.Combine("aws", "rule.csx")));
    }

    [Test]
    public void ATimestampNearNowBecomesAPlaceholderWhereverItIs()
    {
        var scrubber = new SnapshotScrubber("/rules", Now);
        var nearNow = Now.AddHours(-3).ToString("O", CultureInfo.InvariantCulture);

        var scrubbed = scrubber.Scrub(new JsonObject
        {
            ["seen"] = nearNow,
            ["list"] = new JsonArray(nearNow, "2025-03-01T13:30:00Z"),
            ["nested"] = new JsonObject { ["at"] = "2025-03-01" },
        });

        Assert.That(scrubbed!.ToJsonString(), Is.EqualTo("""{"seen":"{Now}","list":["{Now}","{Now}"],"nested":{"at":"{Now}"}}"""));
    }

    [Test]
    public void ArraysOfObjectsAndNumbersAreScrubbedInPlace()
    {
        var scrubber = new SnapshotScrubber("/rules", Now);
        var node = JsonNode.Parse("""{"matches":[{"at":"2025-03-01T11:00:00Z","ports":[22,3389]},[1,[2]],null,true]}""");

        var scrubbed = scrubber.Scrub(node);

        Assert.That(scrubbed!.ToJsonString(), Is.EqualTo("""{"matches":[{"at":"{Now}","ports":[22,3389]},[1,[2]],null,true]}"""));
    }

    [Test]
    public void AnEventTimestampIsKept()
    {
        var scrubber = new SnapshotScrubber("/rules", Now);

        var scrubbed = scrubber.Scrub(new JsonObject { ["eventTime"] = Some.EventTime, ["account"] = Some.AccountId, ["count"] = 3 });

        Assert.That(scrubbed!.ToJsonString(), Is.EqualTo($$"""{"eventTime":"{{Some.EventTime}}","account":"{{Some.AccountId}}","count":3}"""));
    }

    [Test]
    public void TheHarnessScrubsWhatAScriptTookFromTheClockOrTheRulesFolder()
    {
        // Scripts cannot read the disk, but a case's event can name a path under the rules folder.
        using var rules = new TempRulesDirectory();
        var record = Some.Record();
        record["requestParameters"] = new JsonObject { ["name"] = rules.PathOf("rule.csx") };
        rules.AddRule(
            "rule",
            """
            bool Rule(CloudTrailEvent e) => e.IsSuccess;
            object AlertContext(CloudTrailEvent e) => new
            {
                checkedAt = DateTimeOffset.UtcNow.ToString("O"),
                from = e.RequestParameter("name"),
            };
            """,
            RuleYaml.Rule("rule", tests: RuleYaml.Case("stop logging", true, record) + RuleYaml.Case("denied stop logging", false, Some.Record(errorCode: "AccessDenied"))));

        var run = new RuleTestRunner(rules.Root).Run(accept: true);

        var context = run.Rules.Single().Cases.Single(c => c.Name == "stop logging").Received["context"]!;
        Assert.That(context["checkedAt"]!.GetValue<string>(), Is.EqualTo("{Now}"));
        Assert.That(context["from"]!.GetValue<string>(), Is.EqualTo("{RulesDir}" + Path.DirectorySeparatorChar + "rule.csx"));
    }
}
