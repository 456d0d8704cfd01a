using DetectionKit.Engine.Compilation;
using DetectionKit.Engine.Selection;
using DetectionKit.Tooling.Testing;

namespace DetectionKit.Tooling.Watching;

/// <summary>
/// <c>test --watch</c>: tests the selected rules once, then again on every save, only the rules whose
/// files changed (<see cref="ChangedRules"/>). The rule files are read again each time (it takes
/// milliseconds, and tells a new or renamed rule), but only the changed rules are compiled and run,
/// with the compiler kept loaded and warm in the process between saves. A run that fails (a file replaced while it was read) is reported and the watch goes on;
/// a rule file that does not load is a failure of the run, as in <c>test</c>. Ends when cancelled.
/// </summary>
public sealed class TestWatcher
{
    private readonly RuleTestRunner runner;
    private readonly string rulesRoot;
    private readonly string? settingsPath;
    private readonly RuleFilter filter;
    private readonly int minimumCases;
    private readonly TimeSpan quiet;

    /// <param name="runner">Runs the tests; it never accepts in a watch.</param>
    /// <param name="rulesRoot">The rules directory, watched with every folder below it.</param>
    /// <param name="settingsPath">The settings file the cases also run under, watched too; or null.</param>
    /// <param name="filter">The rules to test.</param>
    /// <param name="minimumCases">As <c>--minimum-tests</c>.</param>
    /// <param name="quiet">How long after the last file event a save is taken as finished (editors write in bursts).</param>
    public TestWatcher(RuleTestRunner runner, string rulesRoot, string? settingsPath, RuleFilter filter, int minimumCases, TimeSpan quiet)
    {
        this.runner = runner;
        this.rulesRoot = Path.GetFullPath(rulesRoot);
        this.settingsPath = settingsPath is null ? null : Path.GetFullPath(settingsPath);
        this.filter = filter;
        this.minimumCases = minimumCases;
        this.quiet = quiet;
    }

    /// <param name="report">Told each run; returns false to end the watch (after a first run whose filter cannot be used, say).</param>
    /// <param name="cancellationToken">Ends the watch (Ctrl-C).</param>
    public async Task WatchAsync(Func<WatchRun, bool> report, CancellationToken cancellationToken)
    {
        // Watching starts before the first run, so that a save during it is not missed.
        using var events = new FileEvents(quiet);
        events.Watch(rulesRoot, recursive: true);
        if (settingsPath is not null)
        {
            events.Watch(Path.GetDirectoryName(settingsPath)!, recursive: false);
        }

        var first = await RunAsync([], null, everything: true, cancellationToken);
        if (!report(first))
        {
            return;
        }

        WatchCaseFolders(first.Run, events);
        _ = Task.Run(() => WarmUp(first.Run), CancellationToken.None);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var changed = await events.NextBurstAsync(cancellationToken);
                var concerned = ChangedRules.Of(changed, rulesRoot, settingsPath);
                if (!concerned.Any)
                {
                    continue;
                }

                var run = await RunAsync(concerned.Paths, concerned.Everything ? null : concerned.Concerns, concerned.Everything, cancellationToken);
                WatchCaseFolders(run.Run, events);
                if (!report(run))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C: the watch is over.
        }
    }

    private Task<WatchRun> RunAsync(IReadOnlyList<string> changed, Func<Engine.Rules.RuleDefinition, bool>? only, bool everything, CancellationToken cancellationToken) =>
        Task.Run(
            () =>
            {
                try
                {
                    return new WatchRun(changed, runner.Run(filter, accept: false, minimumCases, only), Everything: everything);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // An editor replacing a file while it was read; the next save runs again.
                    return new WatchRun(changed, null, $"{ex.Message} ({ex.GetType().Name}); save again to re-run", everything);
                }
            },
            cancellationToken);

    /// <summary>Case files may live outside the rules folder (a captures folder beside it): those folders are watched too.</summary>
    private static void WatchCaseFolders(TestRun? run, FileEvents events)
    {
        foreach (var rule in run?.Rules ?? [])
        {
            foreach (var file in rule.Rule.Tests.Where(t => t.File is not null).Select(t => t.File!))
            {
                events.Watch(Path.GetDirectoryName(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(rule.Rule.YamlPath)!, file)))!, recursive: false);
            }
        }
    }

    /// <summary>
    /// A first run served from the compiled-rule cache never loads the compiler; compiling one small rule
    /// in the background meanwhile means the first save is not the one that pays for loading it.
    /// </summary>
    private static void WarmUp(TestRun? run)
    {
        try
        {
            if (run?.Rules.Where(r => r.Compiled).MinBy(r => r.Rule.Tests.Count) is { } rule)
            {
                RuleCompiler.Compile([rule.Rule]);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only a head start: the next save compiles anyway.
        }
    }
}
