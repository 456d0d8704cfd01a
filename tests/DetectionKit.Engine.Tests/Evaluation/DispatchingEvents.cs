using DetectionKit.Engine.Compilation;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Rules;
using DetectionKit.Scripting;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Evaluation;

public sealed class DispatchingEvents
{
    private static readonly RuleSet Rules = new([
        Rule("d-stop-logging", new EventMatch([], ["StopLogging", "DeleteTrail"])),
        Rule("c-iam", new EventMatch(["iam.amazonaws.com"], [])),
        Rule("b-anything", EventMatch.Any),
        Rule("a-disabled", EventMatch.Any, enabled: false),
        Rule("e-create-user", new EventMatch(["iam.amazonaws.com"], ["CreateUser"])),
    ]);

    [Test]
    public void DisabledRulesAreLeftOutAndTheRestOrderedById()
    {
        Assert.That(Rules.Rules.Select(r => r.Id), Is.EqualTo(new[] { "b-anything", "c-iam", "d-stop-logging", "e-create-user" }));
    }

    [Test]
    public void AnEventGoesToRulesNamingItsEventNameAndRulesWithoutAMatchBlock()
    {
        var candidates = Rules.CandidatesFor(Some.Event(Some.Record("StopLogging")));

        Assert.That(candidates.Select(r => r.Id), Is.EqualTo(new[] { "b-anything", "d-stop-logging" }));
    }

    [Test]
    public void AnEventGoesToRulesNamingOnlyItsEventSource()
    {
        var candidates = Rules.CandidatesFor(Some.Event(Some.Record("CreateUser", "iam.amazonaws.com")));

        Assert.That(candidates.Select(r => r.Id), Is.EqualTo(new[] { "b-anything", "c-iam", "e-create-user" }));
    }

    [Test]
    public void AnEventNoRuleNamesGoesOnlyToRulesWithoutAMatchBlock()
    {
        var candidates = Rules.CandidatesFor(Some.Event(Some.Record("DescribeInstances", "ec2.amazonaws.com")));

        Assert.That(candidates.Select(r => r.Id), Is.EqualTo(new[] { "b-anything" }));
    }

    [Test]
    public void AnEventWithoutANameGoesOnlyToRulesWithoutAMatchBlock()
    {
        var candidates = Rules.CandidatesFor(Some.Event(Some.Insight()));

        Assert.That(candidates.Select(r => r.Id), Is.EqualTo(new[] { "b-anything" }));
    }

    [Test]
    public void AnEmptySetOffersNothing()
    {
        Assert.That(RuleSet.Empty.CandidatesFor(Some.Event(Some.Record())), Is.Empty);
    }

    [Test]
    public void TheMatchBlockStillHasTheFinalSay()
    {
        // Indexed by eventName, but its eventSource must match as well.
        var rule = Rules.Rules.Single(r => r.Id == "e-create-user");

        Assert.That(rule.Definition.Match.Matches(Some.Event(Some.Record("CreateUser", "iam.amazonaws.com"))), Is.True);
        Assert.That(rule.Definition.Match.Matches(Some.Event(Some.Record("CreateUser", "identitystore.amazonaws.com"))), Is.False);
    }

    private static CompiledRule Rule(string id, EventMatch match, bool enabled = true) => new(
        new RuleDefinition
        {
            Id = id,
            Title = id,
            Severity = AlertSeverity.Low,
            Enabled = enabled,
            Match = match,
            Pack = string.Empty,
            Name = id,
            RulesRoot = "/rules",
            YamlPath = $"/rules/{id}.yml",
            ScriptPath = $"/rules/{id}.csx",
            Location = new SourceLocation($"/rules/{id}.yml", 1, 1),
        },
        new RuleFunctions(_ => true));
}
