using DetectionKit.Engine.Rules;

namespace DetectionKit.Tooling.Coverage;

/// <summary>
/// Maps the rules' <c>mitre</c> ids onto the matrix: a sub-technique counts for its technique too.
/// Each technique also says which of its rules can alert at high or above.
/// </summary>
internal static class AttackCoverage
{
    public static (IReadOnlyList<TacticCoverage> Tactics, IReadOnlyList<UnknownTechnique> Unknown) Map(IReadOnlyList<RuleDefinition> rules, IReadOnlySet<string> highOrAbove)
    {
        var byTechnique = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var bySubTechnique = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var unknown = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            foreach (var raw in rule.Mitre)
            {
                var id = raw.Trim().ToUpperInvariant();
                var technique = AttackMatrix.Find(id);
                var parentId = id.Contains('.', StringComparison.Ordinal) ? id[..id.IndexOf('.', StringComparison.Ordinal)] : id;
                var parent = AttackMatrix.Find(parentId);
                if (technique is null)
                {
                    Add(unknown, id, rule.Id);
                }

                if (parent is null)
                {
                    continue;
                }

                // An unknown sub-technique of a known technique still shows the technique as covered.
                Add(byTechnique, parent.Id, rule.Id);
                if (technique is { IsSubTechnique: true })
                {
                    Add(bySubTechnique, technique.Id, rule.Id);
                }
            }
        }

        var tactics = AttackMatrix.Tactics
            .Select(tactic => new TacticCoverage(tactic, [.. AttackMatrix.TechniquesOf(tactic).Select(t => Technique(t, byTechnique, bySubTechnique, highOrAbove))]))
            .ToList();
        return (tactics, [.. unknown.Select(u => new UnknownTechnique(u.Key, [.. u.Value]))]);
    }

    private static TechniqueCoverage Technique(
        AttackTechnique technique, Dictionary<string, SortedSet<string>> byTechnique, Dictionary<string, SortedSet<string>> bySubTechnique, IReadOnlySet<string> highOrAbove)
    {
        IReadOnlyList<string> rules = byTechnique.TryGetValue(technique.Id, out var found) ? [.. found] : [];
        return new(technique, rules, [.. rules.Where(highOrAbove.Contains)],
            [.. AttackMatrix.All
                .Where(s => s.IsSubTechnique && s.ParentId == technique.Id && bySubTechnique.ContainsKey(s.Id))
                .Select(s => new SubTechniqueCoverage(s, [.. bySubTechnique[s.Id]]))]);
    }

    private static void Add<TDictionary>(TDictionary index, string key, string ruleId)
        where TDictionary : IDictionary<string, SortedSet<string>>
    {
        if (!index.TryGetValue(key, out var set))
        {
            index[key] = set = new SortedSet<string>(StringComparer.Ordinal);
        }

        set.Add(ruleId);
    }
}
