using System.Text.RegularExpressions;

namespace DetectionKit.Tooling.Importing.Sigma;

/// <summary>How Sigma's metadata maps onto a DetectionKit rule's: level to severity, ATT&amp;CK tags to <c>mitre</c> ids and tactic tags.</summary>
internal static partial class SigmaMetadata
{
    /// <summary>The ATT&amp;CK Enterprise tactics, as Sigma tags write them after <c>attack.</c> (with <c>_</c> or <c>-</c>).</summary>
    private static readonly HashSet<string> Tactics = new(StringComparer.Ordinal)
    {
        "reconnaissance", "resource-development", "initial-access", "execution", "persistence", "privilege-escalation",
        "defense-evasion", "credential-access", "discovery", "lateral-movement", "collection", "command-and-control",
        "exfiltration", "impact",
    };

    /// <summary>
    /// Sigma <c>level</c> to DetectionKit severity: informational → info, low, medium, high and
    /// critical as they are; null for no level or one Sigma does not define.
    /// </summary>
    public static string? Severity(string? level) => level?.ToLowerInvariant() switch
    {
        "informational" => "info",
        "low" => "low",
        "medium" => "medium",
        "high" => "high",
        "critical" => "critical",
        _ => null,
    };

    /// <summary>
    /// <c>attack.t1078.004</c> → <c>T1078.004</c> for <c>mitre</c>; <c>attack.defense_evasion</c>
    /// → the tag <c>defense-evasion</c> (the shipped rules' tactic tags); every other tag kept as
    /// written. <c>sigma</c> is added, so a pack can select what was imported.
    /// </summary>
    public static (IReadOnlyList<string> Tags, IReadOnlyList<string> Mitre) Tags(IEnumerable<string> sigmaTags)
    {
        var tags = new List<string> { "sigma" };
        var mitre = new List<string>();
        foreach (var tag in sigmaTags.Select(t => t.Trim()).Where(t => t.Length > 0))
        {
            var lower = tag.ToLowerInvariant();
            if (Technique().Match(lower) is { Success: true } technique)
            {
                Add(mitre, "T" + technique.Groups[1].Value);
            }
            else if (lower.StartsWith("attack.", StringComparison.Ordinal) && Tactics.Contains(lower["attack.".Length..].Replace('_', '-')))
            {
                Add(tags, lower["attack.".Length..].Replace('_', '-'));
            }
            else
            {
                Add(tags, tag);
            }
        }

        return (tags, mitre);
    }

    private static void Add(List<string> list, string value)
    {
        if (!list.Contains(value, StringComparer.Ordinal))
        {
            list.Add(value);
        }
    }

    [GeneratedRegex(@"^attack\.t([0-9]{4}(\.[0-9]{3})?)$")]
    private static partial Regex Technique();
}
