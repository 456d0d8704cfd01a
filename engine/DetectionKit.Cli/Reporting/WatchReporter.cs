using DetectionKit.Tooling.Watching;

namespace DetectionKit.Cli.Reporting;

/// <summary>
/// What <c>test --watch</c> prints for each run: what changed, the run as <c>test</c> prints it (failures,
/// the time taken, <c>N passed, N failed</c>), and that it is watching again. Diagnostics about the filter go to the error stream.
/// </summary>
internal sealed class WatchReporter(TextWriter output, TextWriter error, string rulesDirectory, bool verbose)
{
    private readonly TextTestReporter reporter = new(verbose);
    private readonly DiagnosticFormatter formatter = new(DiagnosticStyle.Text);

    public void Report(WatchRun watch)
    {
        if (!watch.IsFirst)
        {
            var files = watch.Changed.Select(p => p == FileEvents.Overflow ? "(events lost: everything)" : DiagnosticFormatter.Relative(p)).ToList();
            var shown = files.Count <= 3 ? string.Join(", ", files) : $"{string.Join(", ", files.Take(3))} and {files.Count - 3} more";
            output.WriteLine();
            output.WriteLine($"[{DateTime.Now:HH:mm:ss}] changed: {shown}; re-running {(watch.Everything ? "every selected rule" : "the rules they concern")}");
        }

        if (watch.Error is { } failure)
        {
            output.WriteLine($"error: {failure}");
        }
        else if (watch.Run is { } run)
        {
            foreach (var problem in run.SelectionProblems)
            {
                error.WriteLine(formatter.Format(problem));
            }

            if (run.Rules.Count == 0 && run.Succeeded && !watch.IsFirst)
            {
                output.WriteLine("no selected rule uses these files");
            }
            else if (run.Rules.Count > 0 || !run.Succeeded)
            {
                reporter.Report(run, output);
            }
        }

        output.WriteLine($"watching {rulesDirectory} for changes to rules, scripts, case files, libraries and settings; Ctrl-C to stop");
    }
}
