using System.Collections.Concurrent;
using DetectionKit.Engine.Compilation;
using DetectionKit.Engine.Rules;
using DetectionKit.Scripting;

namespace DetectionKit.Engine.Evaluation;

/// <summary>
/// An immutable set of compiled, enabled rules with a dispatch index built from their <c>match</c>
/// blocks: an event is offered only to rules that name its eventName, rules that name only its
/// eventSource, and rules with no <c>match</c>. The candidates of each (eventSource, eventName) pair
/// are worked out once and kept, so most events cost one lookup.
/// </summary>
public sealed class RuleSet
{
    /// <summary>Pairs remembered at most; past this (hostile input inventing names), candidates are worked out each time.</summary>
    private const int MaxRememberedPairs = 100_000;

    private readonly Dictionary<string, int[]> byEventName;
    private readonly Dictionary<string, int[]> byEventSource;
    private readonly int[] unfiltered;
    private readonly List<CompiledRule> evaluated;
    private readonly Dictionary<string, IReadOnlyList<(CompiledRule, CorrelationStepDefinition)>> feeds;
    private readonly HashSet<string> silent;
    private readonly ConcurrentDictionary<(string? Source, string? Name), CompiledRule[]> candidates = new();

    /// <param name="rules">
    /// The rules; the disabled ones run only as the steps of enabled correlation rules that name them
    /// (so pass every loaded rule a selected correlation may name, selected or not).
    /// </param>
    /// <param name="budget">What each call of a rule function may spend.</param>
    public RuleSet(IEnumerable<CompiledRule> rules, EvaluationBudget? budget = null)
    {
        Budget = budget ?? EvaluationBudget.Default;
        var all = rules.ToList();
        Rules = all.Where(r => r.Definition.Enabled).DistinctBy(r => r.Id).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        Correlations = Rules.Where(r => r.Definition.IsCorrelation).ToList();
        var fed = new Dictionary<string, List<(CompiledRule, CorrelationStepDefinition)>>(StringComparer.Ordinal);
        foreach (var correlation in Correlations)
        {
            foreach (var step in correlation.Definition.Correlation!.Steps.Where(s => s.RuleId is not null))
            {
                if (!fed.TryGetValue(step.RuleId!, out var list))
                {
                    fed[step.RuleId!] = list = [];
                }

                list.Add((correlation, step));
            }
        }

        feeds = fed.ToDictionary(p => p.Key, p => (IReadOnlyList<(CompiledRule, CorrelationStepDefinition)>)p.Value, StringComparer.Ordinal);
        var eventRules = Rules.Where(r => !r.Definition.IsCorrelation).ToList();
        var running = eventRules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        StepRules = all.Where(r => !r.Definition.IsCorrelation && fed.ContainsKey(r.Id) && !running.Contains(r.Id)).DistinctBy(r => r.Id).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        silent = fed.Where(p => !running.Contains(p.Key) || p.Value.All(s => !s.Item1.Definition.Correlation!.Generate)).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        evaluated = [.. eventRules.Concat(StepRules).OrderBy(r => r.Id, StringComparer.Ordinal)];
        var names = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var sources = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var any = new List<int>();
        for (var index = 0; index < evaluated.Count; index++)
        {
            var match = evaluated[index].Definition.Match;
            if (match.EventNames.Count > 0)
            {
                AddAll(names, match.EventNames, index);
            }
            else if (match.EventSources.Count > 0)
            {
                AddAll(sources, match.EventSources, index);
            }
            else
            {
                any.Add(index);
            }
        }

        byEventName = names.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        byEventSource = sources.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        unfiltered = [.. any];
    }

    public static RuleSet Empty { get; } = new([]);

    /// <summary>What each call of a rule function may spend before it is stopped.</summary>
    public EvaluationBudget Budget { get; }

    /// <summary>Enabled rules, correlation rules among them, ordered by id.</summary>
    public IReadOnlyList<CompiledRule> Rules { get; }

    /// <summary>The enabled correlation rules, ordered by id: they match no single event, their steps do.</summary>
    public IReadOnlyList<CompiledRule> Correlations { get; }

    /// <summary>Rules that run only as steps of correlation rules (disabled, or not selected): their matches never alert.</summary>
    public IReadOnlyList<CompiledRule> StepRules { get; }

    /// <summary>The correlation steps the matches of a rule are, with their correlation rules; empty for most rules.</summary>
    public IReadOnlyList<(CompiledRule Correlation, CorrelationStepDefinition Step)> StepsFedBy(string ruleId) =>
        feeds.TryGetValue(ruleId, out var steps) ? steps : [];

    /// <summary>
    /// Whether a rule's matches are steps only, not alerts: it runs only as a step, or every correlation
    /// that names it says its steps do not alert (<c>generate: false</c>).
    /// </summary>
    public bool IsSilent(string ruleId) => silent.Contains(ruleId);

    /// <summary>The rules that may match the event, in id order (their <c>match</c> still has the final say): enabled rules of single events, and those that run only as correlation steps.</summary>
    public IReadOnlyList<CompiledRule> CandidatesFor(CloudTrailEvent e)
    {
        var key = (e.EventSource, e.EventName);
        if (candidates.TryGetValue(key, out var found))
        {
            return found;
        }

        found = Candidates(key.EventSource, key.EventName);
        if (candidates.Count < MaxRememberedPairs)
        {
            candidates.TryAdd(key, found);
        }

        return found;
    }

    private CompiledRule[] Candidates(string? source, string? name)
    {
        var fromName = name is not null && byEventName.TryGetValue(name, out var n) ? n : [];
        var fromSource = source is not null && byEventSource.TryGetValue(source, out var s) ? s : [];
        if (fromName.Length + fromSource.Length + unfiltered.Length == 0)
        {
            return [];
        }

        return [.. fromName.Concat(fromSource).Concat(unfiltered).Distinct().Order().Select(i => evaluated[i])];
    }

    private static void AddAll(Dictionary<string, List<int>> index, IEnumerable<string> keys, int rule)
    {
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            if (!index.TryGetValue(key, out var list))
            {
                index[key] = list = [];
            }

            list.Add(rule);
        }
    }
}
