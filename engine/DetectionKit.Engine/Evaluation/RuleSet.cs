using System.Collections.Concurrent;
using DetectionKit.Engine.Compilation;
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
    private readonly ConcurrentDictionary<(string? Source, string? Name), CompiledRule[]> candidates = new();

    public RuleSet(IEnumerable<CompiledRule> rules, EvaluationBudget? budget = null)
    {
        Budget = budget ?? EvaluationBudget.Default;
        Rules = rules.Where(r => r.Definition.Enabled).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var names = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var sources = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var any = new List<int>();
        for (var index = 0; index < Rules.Count; index++)
        {
            var match = Rules[index].Definition.Match;
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

    /// <summary>Enabled rules, ordered by id.</summary>
    public IReadOnlyList<CompiledRule> Rules { get; }

    /// <summary>The rules that may match the event, in id order (their <c>match</c> still has the final say).</summary>
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

        return [.. fromName.Concat(fromSource).Concat(unfiltered).Distinct().Order().Select(i => Rules[i])];
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
