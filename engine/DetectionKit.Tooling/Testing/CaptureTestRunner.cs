using System.Text.Json.Nodes;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Rules;
using DetectionKit.Tooling.Captures;

namespace DetectionKit.Tooling.Testing;

/// <summary>
/// Replays every capture of a folder through the rules under test and compares what each raised
/// with <c>&lt;folder&gt;.verified.json</c>; writes <c>&lt;folder&gt;.received.json</c> on any
/// difference, or with <c>accept</c> makes the received alerts the verified ones. Only the alerts of
/// the rules under test are compared: the verified alerts of the others are kept as they are, so a
/// filtered run checks, and accepts, its own rules' alerts and no one else's.
/// </summary>
internal static class CaptureTestRunner
{
    /// <param name="folder">The captures.</param>
    /// <param name="rules">The rules under test that compiled (the disabled ones raise nothing, as in <c>run</c>).</param>
    /// <param name="compared">Whether a rule id's verified alerts are compared with this run's (and replaced on accept).</param>
    /// <param name="definitions">Every rule that loaded, by id: to say why an alert is no longer raised.</param>
    /// <param name="scrubber">Scrubs the alerts as rule snapshots are scrubbed.</param>
    /// <param name="accept">Make the received alerts the verified ones.</param>
    public static CaptureRun Run(CaptureDirectory folder, RuleSet rules, Func<string, bool> compared, IReadOnlyDictionary<string, RuleDefinition> definitions, SnapshotScrubber scrubber, bool accept)
    {
        var problems = new List<Diagnostic>();
        var verified = CaptureExpectations.Read(folder, problems);
        var replayed = CaptureReplay.Replay(rules, folder);
        if (replayed.Count == 0 && verified is null && problems.Count == 0)
        {
            return new CaptureRun(folder, [], [], SnapshotOutcome.Matched);
        }

        var results = new List<CaptureTestResult>();
        foreach (var capture in replayed)
        {
            var old = verified?.EntryOf(capture.Name);
            var raised = CaptureSnapshot.AlertsOf(CaptureSnapshot.Entry(capture, scrubber));
            var kept = CaptureSnapshot.AlertsOf(old).Where(alert => !compared(CaptureSnapshot.RuleIdOf(alert)));
            var entry = CaptureSnapshot.Entry(capture.Events, [.. kept, .. raised]);
            var failures = capture.Problems.Select(Describe).ToList();
            var changed = new List<string>();
            if (!accept)
            {
                Compare(verified, old, capture.Events, raised, compared, definitions, failures, changed);
            }

            results.Add(new CaptureTestResult(capture.Name, capture.Path, entry, old, failures, changed));
        }

        if (verified is not null && !accept)
        {
            problems.AddRange(verified.EntriesWithoutCapture([.. replayed.Select(c => c.Name)]));
        }

        var received = CaptureSnapshot.Create(results.Select(r => (r.Name, r.Received)));
        var outcome = Settle(folder, received, accept, differs: verified is null || !JsonNode.DeepEquals(verified.Document, received));
        return new CaptureRun(folder, results, problems, outcome);
    }

    private static void Compare(
        CaptureExpectations? verified,
        JsonObject? old,
        int events,
        IReadOnlyList<JsonObject> raised,
        Func<string, bool> compared,
        IReadOnlyDictionary<string, RuleDefinition> definitions,
        List<string> failures,
        List<string> changed)
    {
        if (verified is null)
        {
            failures.Add("no verified alerts yet" + Raises(raised));
            changed.AddRange(raised.Select(CaptureSnapshot.RuleIdOf).Distinct(StringComparer.Ordinal));
            return;
        }

        if (old is null)
        {
            failures.Add("new capture: not in the verified alerts" + Raises(raised));
            changed.AddRange(raised.Select(CaptureSnapshot.RuleIdOf).Distinct(StringComparer.Ordinal));
            return;
        }

        if (CaptureSnapshot.EventsOf(old) is var recorded && recorded != events)
        {
            failures.Add($"the capture changed: verified {recorded?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no"} events, received {events}");
        }

        var expected = CaptureSnapshot.AlertsOf(old).Where(alert => compared(CaptureSnapshot.RuleIdOf(alert))).ToList();
        var (lines, ruleIds) = CaptureAlertDiff.Describe(expected, raised, definitions);
        if (lines.Count > 0)
        {
            failures.Add("alerts differ from the verified ones:\n" + string.Join('\n', lines));
            changed.AddRange(ruleIds);
        }
    }

    private static string Raises(IReadOnlyList<JsonObject> raised) =>
        raised.Count == 0 ? " (it raises no alert)" : $" (it raises {string.Join(", ", raised.Select(CaptureSnapshot.RuleIdOf).Distinct(StringComparer.Ordinal))})";

    private static SnapshotOutcome Settle(CaptureDirectory folder, JsonObject received, bool accept, bool differs) =>
        SnapshotFile.Settle(folder.VerifiedPath, folder.ReceivedPath, received, accept, differs);

    private static string Describe(Diagnostic problem) =>
        (problem with { Location = problem.Location with { Path = Path.GetRelativePath(Environment.CurrentDirectory, problem.Location.Path) } }).ToString();
}
