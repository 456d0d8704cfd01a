using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using DetectionKit.Engine.Compilation;
using DetectionKit.Engine.Compilation.Caching;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Loading;
using DetectionKit.Engine.Rules;
using DetectionKit.Engine.Selection;
using DetectionKit.Engine.Settings;
using DetectionKit.Scripting;
using DetectionKit.Tooling.Benign;
using DetectionKit.Tooling.Captures;

namespace DetectionKit.Tooling.Testing;

/// <summary>
/// The snapshot test harness. For every rule and case: evaluate, compare the outputs with
/// <c>&lt;name&gt;.verified.json</c>, write <c>&lt;name&gt;.received.json</c> on any difference,
/// or with <c>accept</c> promote the received outputs to verified. With a captures folder, also
/// replays every capture through the rules under test and compares the alerts with the folder's
/// verified alerts the same way (<see cref="CaptureTestRunner"/>). With an organisation's settings
/// file, also runs every case under its values (the rule's defaults, then the settings, then the case's
/// own parameters) and reports the cases whose verdict changes; snapshots and capture alerts stay
/// recorded with the defaults. Returns results; prints nothing.
/// </summary>
public sealed class RuleTestRunner
{
    private readonly string rulesRoot;
    private readonly CaptureDirectory? captures;
    private readonly SnapshotScrubber scrubber;
    private readonly string? settingsPath;
    private readonly RuleCache cache;

    /// <param name="rulesRoot">The rules directory.</param>
    /// <param name="captures">The captures to replay, or null for none.</param>
    /// <param name="now">The clock scrubbed timestamps are compared with.</param>
    /// <param name="settingsPath">An organisation's settings file to run every case under as well, or null.</param>
    /// <param name="cache">Where compiled rules are kept between runs; none when null.</param>
    public RuleTestRunner(string rulesRoot, CaptureDirectory? captures = null, DateTimeOffset? now = null, string? settingsPath = null, RuleCache? cache = null)
    {
        this.cache = cache ?? RuleCache.Disabled;
        this.rulesRoot = Path.GetFullPath(rulesRoot);
        this.captures = captures;
        this.settingsPath = settingsPath;
        scrubber = new SnapshotScrubber(this.rulesRoot, now ?? DateTimeOffset.UtcNow);
    }

    /// <param name="include">Rules to test; all when null. Dangling snapshots are only looked for when all rules are tested,
    /// and on the captures only the included rules' alerts are compared.</param>
    /// <param name="accept">Write the received outputs as verified snapshots and delete dangling ones.</param>
    /// <param name="minimumCases">Each tested rule must record at least this many cases, and above 1 a positive and a negative one (<see cref="MinimumCases"/>); 0 asks nothing.</param>
    /// <param name="benign">Also replay generated benign traffic through the rules under test (<see cref="BenignTrafficCheck"/>).</param>
    public TestRun Run(Func<RuleDefinition, bool>? include = null, bool accept = false, int minimumCases = 0, bool benign = false) =>
        Test(RuleLoader.Load(rulesRoot), include, accept, minimumCases, benign, Stopwatch.StartNew());

    /// <summary>
    /// Tests the rules a filter selects. A value the filter cannot use, or a filter that selects no rule,
    /// is in <see cref="TestRun.SelectionProblems"/>: with the first nothing runs, with the second the
    /// rule files that did not load are still reported (the rule meant may be among them).
    /// </summary>
    /// <param name="filter">The rules to test.</param>
    /// <param name="accept">Write the received outputs as verified snapshots.</param>
    /// <param name="minimumCases">As for <see cref="Run(Func{RuleDefinition, bool}?, bool, int, bool)"/>.</param>
    /// <param name="only">Narrows the selection further without being part of it (<c>test --watch</c>: the rules whose files changed); none selected is then no problem.</param>
    /// <param name="benign">Also replay generated benign traffic through the rules under test.</param>
    public TestRun Run(RuleFilter filter, bool accept = false, int minimumCases = 0, Func<RuleDefinition, bool>? only = null, bool benign = false)
    {
        var clock = Stopwatch.StartNew();
        var loaded = RuleLoader.Load(rulesRoot);
        var problems = new List<Diagnostic>();
        var selected = filter.IsEmpty ? null : filter.Resolve(rulesRoot, loaded.Rules, problems);
        if (problems.Count > 0)
        {
            return new TestRun([], [], [], accept) { SelectionProblems = problems, Elapsed = clock.Elapsed };
        }

        var include = (selected, only) switch
        {
            (null, null) => null,
            (null, { } narrowed) => narrowed,
            ({ } chosen, null) => chosen,
            ({ } chosen, { } narrowed) => rule => chosen(rule) && narrowed(rule),
        };
        var run = Test(loaded, include, accept, minimumCases, benign, clock);
        return selected is not null && only is null && run.Rules.Count == 0
            ? run with { SelectionProblems = [filter.NothingSelected(rulesRoot, loaded.Rules)] }
            : run;
    }

    private TestRun Test(RuleLoadResult loaded, Func<RuleDefinition, bool>? include, bool accept, int minimumCases, bool benign, Stopwatch clock)
    {
        var selected = include is null ? loaded.Rules : loaded.Rules.Where(include).ToList();
        var settingsProblems = new List<Diagnostic>();
        var settings = settingsPath is null ? null : SettingsFile.Load(settingsPath, loaded.Rules, settingsProblems);

        // A correlation rule's cases run the rules its steps name: they compile with it, tested or not.
        var named = selected.Where(r => r.IsCorrelation).SelectMany(r => r.Correlation!.ReferencedRules).ToHashSet(StringComparer.Ordinal);
        var toCompile = named.Count == 0 ? selected : [.. selected, .. loaded.Rules.Where(r => named.Contains(r.Id) && !selected.Contains(r))];
        var compiled = cache.Compile(toCompile, settings?.Budget, settings is null ? null : settings.SuppressionsOf);
        var compiledById = compiled.Rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var results = new List<RuleTestResult>();
        var effects = new List<SettingsEffect>();
        foreach (var rule in selected)
        {
            var tooFew = minimumCases > 0 ? MinimumCases.Check(rule, minimumCases).ToList() : [];
            var result = compiledById.TryGetValue(rule.Id, out var compiledRule)
                ? RunRule(compiledRule, accept, compiledById)
                : NotCompiled(rule, compiled.Diagnostics.Where(d => d.RuleId == rule.Id && d.IsError).ToList());
            results.Add(tooFew.Count == 0 ? result : result with { RuleFailures = [.. result.RuleFailures, .. tooFew] });
            if (settings is not null && compiledRule is not null)
            {
                effects.AddRange(UnderSettings(compiledRule, settings, results[^1], settingsProblems, compiledById));
            }
        }

        var dangling = include is null ? FindDanglingSnapshots(accept) : [];
        // A file that did not load has no id to filter on: it is reported whatever the filter says.
        var loadFailures = loaded.Diagnostics.Where(d => d.IsError && (include is null || IsAbout(d, selected) || !IsAbout(d, loaded.Rules))).ToList();
        // A filter that selects no rule is a mistake the caller reports; it tests nothing on the captures either.
        var captureRun = captures is null || (include is not null && selected.Count == 0) ? null : RunCaptures(captures, loaded, [.. compiled.Rules.Select(r => r.AsShipped())], everyRule: include is null, accept);
        return new TestRun(results, loadFailures, dangling, accept, captureRun)
        {
            Settings = settings is null && settingsPath is null ? null : SettingsReport(settings, settingsProblems, compiled.Diagnostics, effects, compiled.Rules),
            Benign = benign ? BenignTrafficCheck.Run(selected, cache) : null,
            Elapsed = clock.Elapsed,
        };
    }

    /// <summary>The cases whose verdict the settings change: as shipped (the result's) against under the settings.</summary>
    private static IEnumerable<SettingsEffect> UnderSettings(CompiledRule rule, SettingsFile settings, RuleTestResult shipped, List<Diagnostic> problems, IReadOnlyDictionary<string, CompiledRule> compiled)
    {
        var configured = settings.Apply(rule);
        foreach (var result in shipped.Cases)
        {
            var underSettings = result.Case.Parameters.Count == 0 ? configured : configured with { Parameters = ParameterValue.Merge(configured.Parameters, result.Case.Parameters) };
            var (alerts, suppressedBy, errors) = rule.Definition.IsCorrelation
                ? CorrelationVerdict(underSettings, StepRulesOf(rule, compiled).Select(settings.Apply).ToList(), result.Case, settings.Budget)
                : CaseEvaluator.Verdict(underSettings, result.Case, settings.Budget);
            // A suppression's 'when' that fails is the file's problem; so is a rule that fails only under its values.
            problems.AddRange(errors.Select(e => e.ToDiagnostic()).Where(d => d.Location.Path == settings.Path || result.Errors.Count == 0).Distinct());
            if (alerts != result.Matched)
            {
                yield return new SettingsEffect(rule.Id, result.Case, result.Matched, alerts, suppressedBy);
            }
        }
    }

    private static (bool Alerts, RuleSuppression? SuppressedBy, IReadOnlyList<RuleError> Errors) CorrelationVerdict(CompiledRule rule, IReadOnlyList<CompiledRule> stepRules, RuleTestCase testCase, EvaluationBudget budget)
    {
        var (matched, _, errors, _) = CorrelationCaseEvaluator.Evaluate(rule, stepRules, testCase, budget);
        return (matched, null, errors);
    }

    /// <summary>The compiled rules a correlation rule's steps name, as shipped.</summary>
    private static List<CompiledRule> StepRulesOf(CompiledRule rule, IReadOnlyDictionary<string, CompiledRule> compiled) =>
        [.. (rule.Definition.Correlation?.ReferencedRules ?? []).Where(compiled.ContainsKey).Select(id => compiled[id].AsShipped())];

    private SettingsRun SettingsReport(SettingsFile? settings, List<Diagnostic> problems, IReadOnlyList<Diagnostic> compilation, List<SettingsEffect> effects, IReadOnlyList<CompiledRule> compiled)
    {
        // A suppression's 'when' compiles with its rule: the compiler's messages about it are the file's.
        var path = settings?.Path ?? Path.GetFullPath(settingsPath!);
        var all = problems.Concat(compilation.Where(d => d.Location.Path == path)).ToList();
        var disabled = settings is null ? [] : compiled.Where(r => settings.For(r.Id).Enabled == false && r.Definition.Enabled).Select(r => r.Id).ToList();
        return new SettingsRun(path, all, effects, disabled);
    }

    /// <summary>
    /// The captures through the rules under test. Their verified alerts are compared; so, when every
    /// rule is tested and every rule file loaded, are those of rule ids no rule has any more. Alerts of
    /// a rule that did not compile are kept as verified: its compiler errors say what is wrong.
    /// </summary>
    private CaptureRun RunCaptures(CaptureDirectory folder, RuleLoadResult loaded, IReadOnlyList<CompiledRule> compiled, bool everyRule, bool accept)
    {
        var tested = compiled.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var definitions = loaded.Rules.GroupBy(r => r.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var goneAreKnown = everyRule && loaded.RuleFiles.Count == loaded.Rules.Count;
        return CaptureTestRunner.Run(folder, new RuleSet(compiled), id => tested.Contains(id) || (goneAreKnown && !definitions.ContainsKey(id)), definitions, scrubber, accept);
    }

    private RuleTestResult RunRule(CompiledRule rule, bool accept, IReadOnlyDictionary<string, CompiledRule> compiled)
    {
        var definition = rule.Definition;
        var ruleFailures = new List<Diagnostic>();
        JsonObject? verified = null;
        try
        {
            verified = SnapshotFile.Read(definition.VerifiedSnapshotPath);
        }
        catch (JsonException ex)
        {
            ruleFailures.Add(Diagnostic.Error(DiagnosticCodes.SnapshotUnreadable, SnapshotFile.Where(definition.VerifiedSnapshotPath, ex), $"the verified snapshot is not valid JSON ({ex.Message}); fix or delete it, then run 'detectionkit test --accept'", definition.Id));
        }

        var verifiedCases = verified?["cases"] as JsonObject;
        var cases = new List<CaseResult>();
        var received = new List<(string, JsonNode)>();
        foreach (var testCase in definition.Tests)
        {
            var failures = new List<string>();
            bool matched;
            JsonObject output;
            IReadOnlyList<RuleError> errors;
            if (definition.IsCorrelation)
            {
                (matched, output, errors, var orderProblems) = CorrelationCaseEvaluator.Evaluate(rule.AsShipped(testCase.Parameters), StepRulesOf(rule, compiled), testCase);
                failures.AddRange(orderProblems);
            }
            else
            {
                (matched, output, errors) = CaseEvaluator.Evaluate(rule.AsShipped(testCase.Parameters), testCase);
            }

            var scrubbed = scrubber.Scrub(output)!;
            received.Add((testCase.Name, scrubbed));
            var expected = verifiedCases?[testCase.Name];
            if (matched != testCase.Expect)
            {
                failures.Add(definition.IsCorrelation
                    ? testCase.Expect ? "expected the sequence to raise an alert, but it raised none" : "expected no alert, but the sequence raised one"
                    : testCase.Expect ? "expected the rule to match, but it did not" + WhyNotOffered(definition, testCase) : "expected no match, but the rule matched");
            }

            failures.AddRange(errors.Select(e => e.Stopped
                ? $"{e.Function} was stopped at {Relative(e.ScriptLocation)}: it {e.Message}"
                : $"{e.Function} threw at {Relative(e.ScriptLocation)}: {e.Message}"));
            if (!accept)
            {
                if (verified is not null && expected is null)
                {
                    failures.Add("new case: not in the verified snapshot");
                }
                else if (verified is null)
                {
                    failures.Add("no verified snapshot yet");
                }
                else if (!JsonNode.DeepEquals(expected, scrubbed))
                {
                    failures.Add("outputs differ from the verified snapshot:\n" + SnapshotDiff.Describe(expected, scrubbed));
                }
            }

            cases.Add(new CaseResult(testCase, matched, scrubbed, expected, errors, failures));
        }

        if (verified is not null && !accept)
        {
            ruleFailures.AddRange(StaleSnapshots.EntriesWithoutCase(definition, verified));
        }

        if (definition.Tests.Count == 0 && verified is null)
        {
            // A rule without cases (an imported one, disabled until it has some) has nothing to record.
            return new RuleTestResult(definition, cases, ruleFailures, SnapshotOutcome.Matched);
        }

        var snapshot = SnapshotFile.Create(definition.Id, received);
        var outcome = Settle(definition, snapshot, accept, differs: verified is null || !JsonNode.DeepEquals(verified, snapshot));
        return new RuleTestResult(definition, cases, ruleFailures, outcome);
    }

    private static SnapshotOutcome Settle(RuleDefinition rule, JsonObject snapshot, bool accept, bool differs) =>
        SnapshotFile.Settle(rule.VerifiedSnapshotPath, rule.ReceivedSnapshotPath, snapshot, accept, differs);

    /// <summary>When the match block filters the event out, the script never ran: say so.</summary>
    private static string WhyNotOffered(RuleDefinition rule, RuleTestCase testCase)
    {
        var e = new CloudTrailEvent(testCase.Events[0]);
        if (testCase.Events.Count != 1 || rule.Match.Matches(e))
        {
            return string.Empty;
        }

        return $" (the event never reached the script: its eventSource '{e.EventSource}' and eventName '{e.EventName}' do not pass the rule's match block [{string.Join(", ", rule.Match.EventSources.Concat(rule.Match.EventNames))}])";
    }

    /// <summary>A rule that did not compile runs no case: it is one failure, its errors, not one per case.</summary>
    private static RuleTestResult NotCompiled(RuleDefinition rule, IReadOnlyList<Diagnostic> errors) =>
        new(rule, [], errors, SnapshotOutcome.NotRun) { Compiled = false };

    private List<Diagnostic> FindDanglingSnapshots(bool accept)
    {
        var dangling = new List<Diagnostic>();
        foreach (var snapshot in StaleSnapshots.FilesWithoutRule(rulesRoot))
        {
            if (accept)
            {
                File.Delete(snapshot);
            }
            else
            {
                dangling.Add(StaleSnapshots.FileWithoutRule(snapshot));
            }
        }

        return dangling;
    }

    private static bool IsAbout(Diagnostic diagnostic, IReadOnlyList<RuleDefinition> rules) =>
        rules.Any(r => r.Id == diagnostic.RuleId || r.YamlPath == diagnostic.Location.Path);

    private static string Relative(SourceLocation location) =>
        (location with { Path = Path.GetRelativePath(Environment.CurrentDirectory, location.Path) }).ToString();
}
