using DetectionKit.Rules.Tests.Support;
using DetectionKit.Tooling.Captures;
using DetectionKit.Tooling.Testing;

namespace DetectionKit.Rules.Tests;

/// <summary>
/// Proof on real captures: what each capture in fixtures/ raises through the whole alert pipeline
/// (dedup windows and thresholds apply: a burst rule whose threshold a capture does not reach does
/// not alert) is recorded in fixtures.verified.json, and each capture is its own test against it.
/// The record is exact, so a rule that stops firing on a capture, or starts firing on one it has
/// nothing to do with, fails that capture's test and says which. New alerts are accepted with
/// <c>detectionkit test --accept</c> and reviewed as a diff of fixtures.verified.json.
/// </summary>
[TestFixture]
public sealed class BundledCaptures
{
    /// <summary>The folders of recorded attacks; samples/ holds records written for this project, not all of them attacks.</summary>
    private static readonly string[] AttackFolders = ["stratus-red-team/", "otrf-ec2-proxy-s3-exfiltration/"];

    public static IEnumerable<TestCaseData> Captures() =>
        CaptureReplay.Names(ShippedRun.Captures).Select(name => new TestCaseData(name).SetName($"capture {name}"));

    public static IEnumerable<TestCaseData> AttackCaptures() =>
        CaptureReplay.Names(ShippedRun.Captures)
            .Where(name => AttackFolders.Any(folder => name.StartsWith(folder, StringComparison.Ordinal)))
            .Select(name => new TestCaseData(name).SetName($"attack {name}"));

    [TestCaseSource(nameof(Captures))]
    public void CaptureRaisesItsVerifiedAlerts(string name)
    {
        var result = Result(name);
        TestContext.Out.WriteLine(result.Received.ToJsonString());

        Assert.That(result.Passed, Is.True, () => string.Join("\n", result.Failures) + AcceptHint());
    }

    [TestCaseSource(nameof(AttackCaptures))]
    public void AttackCaptureRaisesAnAlert(string name) =>
        Assert.That(CaptureSnapshot.AlertsOf(Result(name).Received), Is.Not.Empty, $"the shipped rules raise no alert on {name}");

    [Test]
    public void NoVerifiedAlertsAreLeftOver()
    {
        var problems = ShippedRun.Result.Captures!.Problems.Select(d => d.ToString()).ToList();
        Assert.That(problems, Is.Empty, () => string.Join("\n", problems));
    }

    private static CaptureTestResult Result(string name) => ShippedRun.Result.Captures!.Results.Single(r => r.Name == name);

    private static string AcceptHint()
    {
        var captures = ShippedRun.Result.Captures!;
        return captures.Snapshot == SnapshotOutcome.ReceivedWritten
            ? $"\nwrote {captures.Directory.ReceivedPath}; if right: dotnet run --project engine/DetectionKit.Cli -- test --accept"
            : string.Empty;
    }
}
