using System.Text.Json.Nodes;
using DetectionKit.Cli.Tests.Support;
using DetectionKit.Engine.Loading;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Cli.Tests.S3;

/// <summary>
/// Each shipped correlation rule's first positive sequence, split over two objects of a trail bucket and
/// read by two runs that share a state, raises its alert exactly once: in the run that reads the second
/// object, whichever object is delivered first.
/// </summary>
public sealed class CorrelatingAcrossObjects
{
    private const string Account = "111122223333";

    private static IEnumerable<TestCaseData> ShippedCorrelations() =>
        RuleLoader.Load(RepositoryPaths.Rules).Rules
            .Where(r => r.IsCorrelation)
            .SelectMany(r => new[] { false, true }.Select(laterFirst => new TestCaseData(r.Id, laterFirst).SetArgDisplayNames(r.Id, laterFirst ? "later half first" : "in order")));

    [TestCaseSource(nameof(ShippedCorrelations))]
    public async Task ASequenceSplitOverTwoObjectsAndTwoRunsFiresOnce(string ruleId, bool laterFirst)
    {
        var rule = RuleLoader.Load(RepositoryPaths.Rules).Rules.Single(r => r.Id == ruleId);
        var events = rule.Tests.First(c => c.Expect && c.Events.Count > 1).Events.Select(e => JsonNode.Parse(e.GetRawText())!).ToList();
        var half = events.Count / 2;
        var (first, second) = (new JsonArray([.. events.Take(half)]), new JsonArray([.. events.Skip(half)]));
        if (laterFirst)
        {
            (first, second) = (second, first);
        }

        using var bucket = await TrailBucket.CreateAsync();
        using var workspace = new RulesWorkspace();
        var state = Path.Combine(workspace.Root, "state.db");
        var delivered = DateTimeOffset.Parse("2024-08-01T10:05:00Z");
        await bucket.PutLogAsync(first, Account, "us-east-1", delivered);
        var firstRun = Run(bucket, state, ruleId, delivered);
        await bucket.PutLogAsync(second, Account, "us-east-1", delivered.AddMinutes(20));
        var secondRun = Run(bucket, state, ruleId, delivered.AddMinutes(20));
        var replay = Run(bucket, state, ruleId, delivered.AddMinutes(20));

        Assert.That(firstRun.ExitCode, Is.EqualTo(0), firstRun.ToString);
        Assert.That(firstRun.OutLines, Is.Empty, "half a sequence raises nothing");
        Assert.That(secondRun.OutLines.Where(l => l.Contains($"\"ruleId\":\"{ruleId}\"", StringComparison.Ordinal)).ToList(), Has.Count.EqualTo(1), secondRun.ToString);
        Assert.That(replay.OutLines, Is.Empty, "a state that delivered the alert does not deliver it again");
    }

    private static CliResult Run(TrailBucket bucket, string state, string ruleId, DateTimeOffset delivered) =>
        Shell.Run("run", "--rules", RepositoryPaths.Rules, "--rule", ruleId, "--state", state, "--source", $"s3://{bucket.Name}", "--since", delivered.AddHours(-1).ToString("O"), "--until", delivered.AddHours(1).ToString("O"));
}
