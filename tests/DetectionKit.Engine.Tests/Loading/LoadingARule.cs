using DetectionKit.Scripting;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Loading;

public sealed class LoadingARule
{
    [Test]
    public void AValidRuleLoadsWithEverythingItSays()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("aws/cloudtrail/logging-stopped", Scripts.MatchesSuccess, RuleYaml.Rule(
            id: "aws.cloudtrail.logging-stopped",
            title: "CloudTrail logging stopped",
            severity: "critical",
            match: "eventSource: cloudtrail.amazonaws.com\n  eventName: [StopLogging, DeleteTrail]",
            extra: """
                description: A trail stopped.
                runbook: Restart it.
                references: [https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_StopLogging.html]
                tags: [cloudtrail, defense-evasion]
                mitre: [T1562.008]

                """));

        var loaded = rules.Load();

        Assert.That(loaded.Diagnostics, Is.Empty);
        var rule = loaded.Rules.Single();
        Assert.Multiple(() =>
        {
            Assert.That(rule.Id, Is.EqualTo("aws.cloudtrail.logging-stopped"));
            Assert.That(rule.Title, Is.EqualTo("CloudTrail logging stopped"));
            Assert.That(rule.Severity, Is.EqualTo(AlertSeverity.Critical));
            Assert.That(rule.Description, Is.EqualTo("A trail stopped."));
            Assert.That(rule.Runbook, Is.EqualTo("Restart it."));
            Assert.That(rule.References, Has.Count.EqualTo(1));
            Assert.That(rule.Tags, Is.EqualTo(new[] { "cloudtrail", "defense-evasion" }));
            Assert.That(rule.Mitre, Is.EqualTo(new[] { "T1562.008" }));
            Assert.That(rule.Enabled, Is.True);
            Assert.That(rule.Match.EventSources, Is.EqualTo(new[] { "cloudtrail.amazonaws.com" }));
            Assert.That(rule.Match.EventNames, Is.EqualTo(new[] { "StopLogging", "DeleteTrail" }));
            Assert.That(rule.DedupPeriodMinutes, Is.EqualTo(60));
            Assert.That(rule.Threshold, Is.EqualTo(1));
            Assert.That(rule.Pack, Is.EqualTo("aws/cloudtrail"));
            Assert.That(rule.Name, Is.EqualTo("logging-stopped"));
            Assert.That(rule.RelativeName, Is.EqualTo("aws/cloudtrail/logging-stopped"));
            Assert.That(rule.YamlPath, Is.EqualTo(rules.PathOf("aws/cloudtrail/logging-stopped.yml")));
            Assert.That(rule.ScriptPath, Is.EqualTo(rules.PathOf("aws/cloudtrail/logging-stopped.csx")));
            Assert.That(rule.Location.Line, Is.EqualTo(1));
            Assert.That(rule.Tests.Select(t => (t.Name, t.Expect)), Is.EqualTo(new[] { ("stop logging", true), ("denied stop logging", false) }));
        });
    }

    [Test]
    public void AnInlineEventKeepsItsJson()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess);

        var positive = rules.Load().Rules.Single().Tests[0];

        Assert.That(positive.File, Is.Null);
        Assert.That(positive.Events.Single().GetProperty("eventName").GetString(), Is.EqualTo("StopLogging"));
        Assert.That(positive.Events.Single().GetProperty("recipientAccountId").GetString(), Is.EqualTo(Some.AccountId));
    }

    [Test]
    public void DedupPeriodThresholdAndEnabledAreRead()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess, RuleYaml.Rule("rule", extra: "enabled: false\ndedup:\n  periodMinutes: 15\nthreshold: 3\n"));

        var loaded = rules.Load();

        Assert.That(loaded.Diagnostics, Is.Empty);
        var rule = loaded.Rules.Single();
        Assert.That(rule.Enabled, Is.False);
        Assert.That(rule.DedupPeriodMinutes, Is.EqualTo(15));
        Assert.That(rule.Threshold, Is.EqualTo(3));
    }

    [Test]
    public void AScriptKeyNamesAnotherScriptRelativeToTheYaml()
    {
        using var rules = new TempRulesDirectory();
        rules.Write("pack/shared/stop.csx", Scripts.MatchesSuccess);
        rules.Write("pack/rule.yml", RuleYaml.Rule("rule", extra: "script: shared/stop.csx\n"));

        var loaded = rules.Load();

        Assert.That(loaded.Diagnostics, Is.Empty);
        Assert.That(loaded.Rules.Single().ScriptPath, Is.EqualTo(rules.PathOf("pack/shared/stop.csx")));
    }

    [Test]
    public void AFileCaseIsReadRelativeToTheYaml()
    {
        using var rules = new TempRulesDirectory();
        rules.Write("pack/cases/stops.json", Some.Delivery(Some.Record(eventId: "first"), Some.Record(eventId: "second")));
        rules.AddRule("pack/rule", Scripts.MatchesSuccess, RuleYaml.Rule("rule", tests: RuleYaml.FileCase("recorded stops", true, "cases/stops.json")));

        var loaded = rules.Load();

        Assert.That(loaded.Diagnostics, Is.Empty);
        var testCase = loaded.Rules.Single().Tests.Single();
        Assert.That(testCase.File, Is.EqualTo("cases/stops.json"));
        Assert.That(testCase.Events.Select(e => e.GetProperty("eventID").GetString()), Is.EqualTo(new[] { "first", "second" }));
    }
}
