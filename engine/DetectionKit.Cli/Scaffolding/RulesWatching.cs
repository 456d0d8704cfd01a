using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Loading;

namespace DetectionKit.Cli.Scaffolding;

/// <summary>
/// The existing rules whose <c>match</c> block names the event a new rule is written for: a second
/// rule on the same call is often better as a case of the first. Only the rules' YAML is read (nothing
/// is compiled), so <c>new</c> stays instant on a large rules tree.
/// </summary>
internal static class RulesWatching
{
    /// <summary>
    /// One warning per rule naming <paramref name="watched"/>'s <c>eventName</c> (under its
    /// <c>eventSource</c>, or under none), at that name in the rule's YAML.
    /// </summary>
    public static IReadOnlyList<Diagnostic> Find(string rulesDir, WatchedEvent watched)
    {
        if (!Directory.Exists(rulesDir))
        {
            return [];
        }

        var found = new List<Diagnostic>();
        foreach (var rule in RuleLoader.Load(rulesDir).Rules)
        {
            var match = rule.Match;
            var index = IndexOf(match.EventNames, watched.EventName);
            if (index < 0 || (match.EventSources.Count > 0 && IndexOf(match.EventSources, watched.EventSource) < 0))
            {
                continue;
            }

            found.Add(Diagnostic.Warning(
                DiagnosticCodes.NewRuleOverlaps,
                rule.LocationOf($"/match/eventName/{index}"),
                $"rule {rule.Id} already matches {watched.EventSource} {watched.EventName}; a new case there may say what you mean with one rule fewer",
                rule.Id));
        }

        return found;
    }

    private static int IndexOf(IReadOnlyList<string> values, string value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], value, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
