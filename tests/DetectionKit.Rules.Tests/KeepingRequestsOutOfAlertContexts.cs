using System.Text.Json;
using System.Text.Json.Nodes;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Scripting;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Rules.Tests;

/// <summary>
/// Rules that describe a change name the request fields an analyst reads instead of copying the whole
/// request, which may carry what an alert must not (a password in a field no list names, megabytes of data).
/// </summary>
public sealed class KeepingRequestsOutOfAlertContexts
{
    private const string Unlisted = "unlisted-field-value-7f3a";

    private static readonly string[] RuleIds =
    [
        "aws.cloudtrail.trail-configuration-changed",
        "aws.vpc.security-group-changed",
        "aws.vpc.vpc-changed",
        "aws.organizations.organization-changed",
    ];

    private static readonly Lazy<LoadedRules> Loaded = new(() => RuleSetBuilder.Build(RepositoryPaths.Rules, include: r => RuleIds.Contains(r.Id)));

    [TestCaseSource(nameof(RuleIds))]
    public void AFieldTheRuleDoesNotNameStaysOutOfItsContext(string ruleId)
    {
        var rule = Loaded.Value.Compiled.Single(r => r.Id == ruleId);
        var positive = rule.Definition.Tests.First(t => t.Expect && t.Events.Count == 1);
        var record = JsonNode.Parse(positive.Events[0].GetRawText())!.AsObject();
        record["requestParameters"]!.AsObject()["internalNote"] = Unlisted;

        var detection = RuleEvaluator.Evaluate(rule, new CloudTrailEvent(JsonSerializer.SerializeToElement(record))).Detection;

        Assert.That(detection, Is.Not.Null, $"case '{positive.Name}' should still match");
        Assert.That(detection!.Context!.ToJsonString(), Does.Not.Contain(Unlisted));
    }
}
