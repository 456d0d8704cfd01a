using DetectionKit.Tooling.Testing;

namespace DetectionKit.Cli.Reporting;

/// <summary>Failures with what differs and how to fix it; the last line is <c>N passed, N failed</c>.</summary>
internal sealed class TextTestReporter : ITestReporter
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
            foreach (var failure in rule.RuleFailures)
            {
                output.WriteLine(formatter.Format(failure));
            }

            foreach (var result in rule.Cases.Where(c => !c.Passed))
            {
                var at = result.Case.Location with { Path = DiagnosticFormatter.Relative(result.Case.Location.Path) };
                output.WriteLine($"FAIL {rule.Rule.Id} / {result.Name} ({at})");
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

        output.WriteLine($"{run.Passed} passed, {run.Failed} failed");
    }
}
