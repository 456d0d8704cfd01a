using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Tests.Support;
using DetectionKit.Scripting;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Settings;

/// <summary>What a settings file changes about the rules as they run.</summary>
public sealed class ApplyingSettings
{
    [Test]
    public void AValueFromTheSettingsReachesTheScript()
    {
        using var rules = OrganisationRules.Create();

        var trust = Build(rules, $"parameters:\n  knownAccounts: [\"{Some.AccountId}\"]\n").Rules.Single(r => r.Id == "trust");

        Assert.That(RuleEvaluator.Evaluate(trust, Some.Event(Some.Record())).Matched, Is.False);
        Assert.That(RuleEvaluator.Evaluate(trust.AsShipped(), Some.Event(Some.Record())).Matched, Is.True, "the default, an empty list, trusts no one");
    }

    [Test]
    public void ASeverityReplacesWhatTheScriptComputes()
    {
        using var rules = OrganisationRules.Create();

        var trust = Build(rules, "rules:\n  trust:\n    severity: low\n").Rules.Single(r => r.Id == "trust");

        Assert.That(RuleEvaluator.Evaluate(trust, Some.Event(Some.Record())).Detection!.Severity, Is.EqualTo(AlertSeverity.Low));
    }

    [Test]
    public void ARuleTheSettingsDisableDoesNotRun()
    {
        using var rules = OrganisationRules.Create();

        var ruleSet = Build(rules, "rules:\n  trust:\n    enabled: false\n");

        Assert.That(ruleSet.Rules.Select(r => r.Id), Is.EqualTo(new[] { "egress" }));
    }

    [Test]
    public void ARuleItsYamlDisablesRunsWhenTheSettingsEnableIt()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("quiet", Scripts.MatchesSuccess, RuleYaml.Rule("quiet", extra: "enabled: false\n"));
        var path = rules.Write("org.settings.yml", "rules:\n  quiet:\n    enabled: true\n");

        var loaded = RuleSetBuilder.Build(rules.Root, settingsPath: path);

        Assert.That(loaded.RuleSet.Rules.Select(r => r.Id), Is.EqualTo(new[] { "quiet" }));
    }

    [Test]
    public async Task AThresholdAndDedupPeriodChangeHowMatchesGroupIntoAlerts()
    {
        using var rules = OrganisationRules.Create();
        var ruleSet = Build(rules, "rules:\n  trust:\n    threshold: 2\n    dedup: { periodMinutes: 1440 }\n  egress:\n    enabled: false\n");
        var first = Some.Record(eventId: "00000000-0000-4000-8000-0000000000e1");
        var second = Some.Record(eventId: "00000000-0000-4000-8000-0000000000e2");
        second["eventTime"] = "2024-07-31T20:00:00Z";

        var (_, one) = await Pipeline.RunAsync(ruleSet, Pipeline.Stdin(Some.JsonLines(first)));
        var (_, two) = await Pipeline.RunAsync(ruleSet, Pipeline.Stdin(Some.JsonLines(first, second)));

        Assert.That(one, Is.Empty, "one event is below the threshold of 2");
        var alert = two.Single();
        Assert.That((alert.EventCount, alert.Threshold, alert.WindowEnd - alert.WindowStart), Is.EqualTo((2, 2, TimeSpan.FromDays(1))));
    }

    private static RuleSet Build(TempRulesDirectory rules, string settings)
    {
        var path = rules.Write("org.settings.yml", settings);
        var loaded = RuleSetBuilder.Build(rules.Root, settingsPath: path);
        Assert.That(loaded.Diagnostics, Is.Empty);
        return loaded.RuleSet;
    }
}
