using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Loading;
using DetectionKit.Tooling.Captures;
using DetectionKit.Tooling.Testing;

namespace DetectionKit.Tooling.Validation;

/// <summary>
/// The captures' verified alerts against the captures and the rules, without replaying anything:
/// every capture has an entry, every entry a capture, and every alert a rule that runs. Each is a
/// failure <c>test</c> would report, here at the line of <c>&lt;folder&gt;.verified.json</c> it is about.
/// </summary>
public sealed class CaptureAlertsValidator(CaptureDirectory captures) : IRuleSetValidator
{
    private const string Accept = "run 'detectionkit test --accept'";

    public IEnumerable<Diagnostic> Validate(RuleLoadResult loaded)
    {
        var problems = new List<Diagnostic>();
        var names = CaptureReplay.Names(captures);
        var verified = CaptureExpectations.Read(captures, problems);
        if (verified is null)
        {
            if (problems.Count == 0 && names.Count > 0)
            {
                problems.Add(Diagnostic.Error(DiagnosticCodes.CaptureAlertsMissing, new SourceLocation(captures.Root), $"no verified alerts for the {names.Count} capture{(names.Count == 1 ? string.Empty : "s")} here: {Path.GetFileName(captures.VerifiedPath)} does not exist; {Accept}, review it and commit it"));
            }

            return problems;
        }

        foreach (var name in names.Where(n => !verified.Has(n)))
        {
            problems.Add(Diagnostic.Error(DiagnosticCodes.CaptureAlertsMissing, verified.Positions.KeyOf("/captures"), $"capture '{name}' has no verified alerts; {Accept}, review the new entry and commit it"));
        }

        problems.AddRange(verified.EntriesWithoutCapture(names));
        problems.AddRange(AlertsOfRulesThatDoNotRun(verified, loaded));
        return problems;
    }

    /// <summary>Alerts of a rule that is gone or disabled. A rule file that did not load could be either: its own errors say so.</summary>
    private static IEnumerable<Diagnostic> AlertsOfRulesThatDoNotRun(CaptureExpectations verified, RuleLoadResult loaded)
    {
        var rules = loaded.Rules.GroupBy(r => r.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var goneAreKnown = loaded.RuleFiles.Count == loaded.Rules.Count;
        foreach (var name in verified.Names)
        {
            var alerts = CaptureSnapshot.AlertsOf(verified.EntryOf(name));
            for (var index = 0; index < alerts.Count; index++)
            {
                var ruleId = CaptureSnapshot.RuleIdOf(alerts[index]);
                var why = rules.GetValueOrDefault(ruleId) is { } rule ? (rule.Enabled ? null : "which is disabled (disabled rules do not run)")
                    : goneAreKnown ? "which no longer exists"
                    : null;
                if (why is not null)
                {
                    yield return Diagnostic.Error(
                        DiagnosticCodes.CaptureAlertsDangling,
                        verified.EntryLocation(name, $"/alerts/{index}/ruleId"),
                        $"capture '{name}' has a verified alert of rule '{ruleId}', {why}; {Accept} to drop it");
                }
            }
        }
    }
}
