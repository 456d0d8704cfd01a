using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;
using DetectionKit.Scripting;
using DetectionKit.Tooling.Benign;
using DetectionKit.Tooling.Testing;

namespace DetectionKit.Cli.Reporting;

/// <summary>
/// Failures of cases and captures with what differs and how to fix it (with <c>verbose</c>, every case
/// and capture with PASS or FAIL); the line before the last says what was tested and how long it took,
/// and the last line is <c>N passed, N failed</c>, for scripts to read.
/// </summary>
/// <param name="verbose">List the cases and captures that passed too.</param>
internal sealed class TextTestReporter(bool verbose = false) : ITestReporter
{
    private readonly DiagnosticFormatter formatter = new(DiagnosticStyle.Text);

    public void Report(TestRun run, TextWriter output)
    {
        foreach (var failure in run.LoadFailures)
        {
            output.WriteLine(formatter.Format(failure));
        }

        foreach (var rule in run.Rules)
        {
            if (!rule.Compiled)
            {
                var cases = rule.Rule.Tests.Count == 1 ? "its case was" : $"its {rule.Rule.Tests.Count} cases were";
                output.WriteLine($"FAIL {rule.Rule.Id}: the rule did not compile; {cases} not run ({Relative(rule.Rule.Location)})");
            }

            foreach (var failure in rule.RuleFailures)
            {
                output.WriteLine(formatter.Format(failure));
            }

            foreach (var result in rule.Cases.Where(c => verbose || !c.Passed))
            {
                output.WriteLine($"{(result.Passed ? "PASS" : "FAIL")} {rule.Rule.Id} / {result.Name} ({Relative(result.Case.Location)})");
                foreach (var reason in result.Failures)
                {
                    output.WriteLine("     " + reason.Replace("\n", "\n     ", StringComparison.Ordinal));
                }
            }

            var verified = DiagnosticFormatter.Relative(rule.Rule.VerifiedSnapshotPath);
            var received = DiagnosticFormatter.Relative(rule.Rule.ReceivedSnapshotPath);
            switch (rule.Snapshot)
            {
                case SnapshotOutcome.ReceivedWritten:
                    output.WriteLine($"     snapshot: wrote {received}; compare it with {verified}");
                    output.WriteLine($"     if the new outputs are right: detectionkit test --filter {rule.Rule.Id} --accept");
                    break;
                case SnapshotOutcome.Accepted:
                    output.WriteLine($"accepted {verified}");
                    break;
            }
        }

        foreach (var dangling in run.DanglingSnapshots)
        {
            output.WriteLine(formatter.Format(dangling));
        }

        if (run.Captures is { } captures)
        {
            Captures(captures, run.Rules.Select(r => r.Rule.Id).ToHashSet(StringComparer.Ordinal), output);
        }

        if (run.Settings is { } settings)
        {
            Settings(settings, output);
        }

        if (run.Benign is { } benign)
        {
            Benign(benign, output);
        }

        output.WriteLine(Tested(run));
        output.WriteLine($"{run.Passed} passed, {run.Failed} failed");
    }

    /// <summary>What the run covered and how long it took, e.g. <c>tested 79 rules (409 cases) and 39 captures in 4.2 s</c>.</summary>
    public static string Tested(TestRun run)
    {
        var cases = run.Rules.Sum(r => r.Rule.Tests.Count);
        var notRun = run.Rules.Where(r => !r.Compiled).Sum(r => r.Rule.Tests.Count);
        var captures = run.Captures is { } c ? $" and {Count(c.Results.Count, "capture", "captures")}" : string.Empty;
        var seconds = run.Elapsed.TotalSeconds.ToString(run.Elapsed.TotalSeconds < 10 ? "0.0" : "0", System.Globalization.CultureInfo.InvariantCulture);
        return $"tested {Count(run.Rules.Count, "rule", "rules")} ({Count(cases, "case", "cases")}{(notRun > 0 ? $", {notRun} not run" : string.Empty)}){captures} in {seconds} s";
    }

    private static SourceLocation Relative(SourceLocation location) => location with { Path = DiagnosticFormatter.Relative(location.Path) };

    /// <summary>What the settings change, labelled as such: it is information for whoever keeps the settings, not a failure.</summary>
    private void Settings(SettingsRun settings, TextWriter output)
    {
        foreach (var problem in settings.Problems)
        {
            output.WriteLine(formatter.Format(problem));
        }

        var hidden = settings.Effects.Count(e => e.HidesPositiveCase);
        output.WriteLine($"under the settings {DiagnosticFormatter.Relative(settings.Path)}: {Count(settings.Effects.Count, "case changes", "cases change")} verdict, {Count(hidden, "positive case is", "positive cases are")} suppressed, {Count(settings.DisabledRules.Count, "rule is", "rules are")} disabled (snapshots stay recorded with the rules' defaults)");
        foreach (var rule in settings.DisabledRules)
        {
            output.WriteLine($"  DISABLED   {rule}: the settings take it out of run and schedule");
        }

        foreach (var effect in settings.Effects)
        {
            var at = effect.Case.Location with { Path = DiagnosticFormatter.Relative(effect.Case.Location.Path) };
            var what = effect switch
            {
                { SuppressedBy: { } by } => $"SUPPRESSED {effect.RuleId} / {effect.Case.Name} ({at}): {(effect.Case.Expect ? "expects an alert" : "matches")}, hidden by suppression '{by.Reason}' ({by.Location with { Path = DiagnosticFormatter.Relative(by.Location.Path) }})",
                { SettingsMatch: false } => $"NO MATCH   {effect.RuleId} / {effect.Case.Name} ({at}): matches as shipped, not under the settings",
                _ => $"MATCH      {effect.RuleId} / {effect.Case.Name} ({at}): no match as shipped, matches under the settings",
            };
            output.WriteLine("  " + what);
        }
    }

    /// <summary>One line of what benign traffic raised, by severity; then each problem, which fails the run.</summary>
    private void Benign(BenignTrafficResult benign, TextWriter output)
    {
        var bySeverity = string.Join(", ", Enum.GetValues<AlertSeverity>().Reverse().Select(s => $"{s.ToName()} {benign.Alerts.Count(a => a.Severity == s)}"));
        var verdict = benign.Succeeded ? "none high or critical, no rule threw" : "FAIL";
        output.WriteLine($"benign traffic: {benign.Events:N0} records (seed {benign.Seed}) through {benign.Rules} rules in {benign.Elapsed.TotalSeconds:0.0} s: {Count(benign.Alerts.Count, "alert", "alerts")} after dedup and thresholds ({bySeverity}); {verdict}");
        foreach (var problem in benign.Problems)
        {
            output.WriteLine(formatter.Format(problem));
        }
    }

    private static string Count(int count, string one, string many) => $"{count} {(count == 1 ? one : many)}";

    /// <param name="captures">The captures of the run.</param>
    /// <param name="tested">The rules the run tested: a filter can only name one of them.</param>
    /// <param name="output">Where to write.</param>
    private void Captures(CaptureRun captures, IReadOnlySet<string> tested, TextWriter output)
    {
        foreach (var problem in captures.Problems)
        {
            output.WriteLine(formatter.Format(problem));
        }

        foreach (var result in captures.Results.Where(r => verbose || !r.Passed))
        {
            output.WriteLine($"{(result.Passed ? "PASS" : "FAIL")} capture {result.Name} ({DiagnosticFormatter.Relative(result.Path)})");
            foreach (var reason in result.Failures)
            {
                output.WriteLine("     " + reason.Replace("\n", "\n     ", StringComparison.Ordinal));
            }
        }

        var verified = DiagnosticFormatter.Relative(captures.Directory.VerifiedPath);
        switch (captures.Snapshot)
        {
            case SnapshotOutcome.ReceivedWritten:
                var filter = captures.ChangedRuleIds is [var only] && tested.Contains(only) ? $" --filter {only}" : string.Empty;
                output.WriteLine($"     capture alerts: wrote {DiagnosticFormatter.Relative(captures.Directory.ReceivedPath)}; compare it with {verified}");
                output.WriteLine($"     if the new alerts are right: detectionkit test{filter} --accept");
                break;
            case SnapshotOutcome.Accepted:
                output.WriteLine($"accepted {verified}");
                break;
        }
    }
}
