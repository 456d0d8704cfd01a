using System.Text.RegularExpressions;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Packs;
using DetectionKit.Engine.Rules;
using DetectionKit.Scripting;

namespace DetectionKit.Engine.Selection;

/// <summary>
/// Which rules a command works on: by id glob (<c>--filter</c>), exact id (<c>--rule</c>), pack, tag,
/// severity and MITRE ATT&amp;CK technique. Different kinds combine with AND, several values of one kind
/// with OR, so <c>--tag iam --tag s3 --severity high+</c> is "tagged iam or s3, and high or critical".
/// The commands only gather the values; what they mean is decided here, once.
/// </summary>
public sealed partial record RuleFilter
{
    /// <summary>Id or <c>pack/name</c> globs (<c>*</c>, <c>?</c>).</summary>
    public IReadOnlyList<string> Globs { get; init; } = [];

    /// <summary>Exact rule ids.</summary>
    public IReadOnlyList<string> Ids { get; init; } = [];

    /// <summary>Pack files or folders, as <see cref="PackSelector"/> resolves them.</summary>
    public IReadOnlyList<string> Packs { get; init; } = [];

    /// <summary>Tags a rule carries, compared exactly.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>A severity name for that severity (<c>high</c>), or followed by <c>+</c> for it and above (<c>high+</c>).</summary>
    public IReadOnlyList<string> Severities { get; init; } = [];

    /// <summary>ATT&amp;CK technique ids: <c>T1078</c> selects the rules mapped to it or to any of its sub-techniques, <c>T1078.004</c> only that sub-technique.</summary>
    public IReadOnlyList<string> Techniques { get; init; } = [];

    /// <summary>No value given: every rule.</summary>
    public bool IsEmpty => Kinds().All(k => k.Values.Count == 0);

    /// <summary>The values as the command line spells them, e.g. <c>--tag iam --severity high+</c>.</summary>
    public string Describe() =>
        string.Join(' ', Kinds().SelectMany(k => k.Values.Select(v => $"{k.Option} {v}")));

    /// <param name="rulesRoot">The rules directory (where pack files are).</param>
    /// <param name="rules">The rules that loaded: pack folders and ids are known from them.</param>
    /// <param name="problems">Receives why a value cannot be used: an unknown pack (DK1013), a severity or technique not written as one (DK3010), an id no rule has (DK3011).</param>
    /// <returns>The predicate, or null when a value cannot be used.</returns>
    public Func<RuleDefinition, bool>? Resolve(string rulesRoot, IReadOnlyList<RuleDefinition> rules, ICollection<Diagnostic> problems)
    {
        var before = problems.Count;
        var at = new SourceLocation(rulesRoot);
        var packs = PackSelector.Resolve(Packs, rulesRoot, rules, problems);
        var severities = new List<Func<AlertSeverity, bool>>();
        foreach (var value in Severities)
        {
            var atLeast = value.EndsWith('+');
            if (SeverityNames.TryParse(atLeast ? value[..^1] : value, out var severity))
            {
                severities.Add(atLeast ? s => s >= severity : s => s == severity);
            }
            else
            {
                var names = string.Join(", ", Enum.GetValues<AlertSeverity>().Select(s => s.ToName()));
                problems.Add(Diagnostic.Error(DiagnosticCodes.FilterValueInvalid, at, $"--severity '{value}' is not a severity; use one of {names}, or one followed by + for it and above (high+)"));
            }
        }

        var techniques = new List<string>();
        foreach (var value in Techniques)
        {
            if (TechniqueId().IsMatch(value))
            {
                techniques.Add(value.ToUpperInvariant());
            }
            else
            {
                problems.Add(Diagnostic.Error(DiagnosticCodes.FilterValueInvalid, at, $"--technique '{value}' is not an ATT&CK technique id; write it as T1078, or T1078.004 for a sub-technique"));
            }
        }

        var known = rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var id in Ids.Where(id => !known.Contains(id)))
        {
            var hint = ClosestName.Find(id, known) is { } near ? $"; did you mean '{near}'?" : "; 'detectionkit validate' lists the rule files that did not load";
            problems.Add(Diagnostic.Error(DiagnosticCodes.UnknownRuleId, at, $"--rule '{id}': no rule has this id{hint}"));
        }

        if (problems.Count > before || packs is null)
        {
            return null;
        }

        var globs = Globs.Select(g => new IdGlob(g)).ToList();
        return rule =>
            (globs.Count == 0 || globs.Any(g => g.Matches(rule.Id) || g.Matches(rule.RelativeName)))
            && (Ids.Count == 0 || Ids.Contains(rule.Id, StringComparer.Ordinal))
            && packs(rule)
            && (Tags.Count == 0 || rule.Tags.Any(t => Tags.Contains(t, StringComparer.Ordinal)))
            && (severities.Count == 0 || severities.Any(s => s(rule.Severity)))
            && (techniques.Count == 0 || rule.Mitre.Any(m => techniques.Any(t => IsTechnique(m, t))));
    }

    /// <summary>
    /// Why a filter that resolved selects no rule: the values that select none on their own (with the
    /// closest tag when one is near), or, when each selects some, that together they select none.
    /// </summary>
    public Diagnostic NothingSelected(string rulesRoot, IReadOnlyList<RuleDefinition> rules)
    {
        var alone = new List<string>();
        foreach (var (option, values) in Kinds())
        {
            foreach (var value in values)
            {
                var single = KindOnly(option, value).Resolve(rulesRoot, rules, new List<Diagnostic>());
                if (single is not null && !rules.Any(single))
                {
                    alone.Add($"{option} '{value}'{Hint(option, value, rules)}");
                }
            }
        }

        var message = alone.Count > 0
            ? $"no rule matches {string.Join(", nor ", alone)}"
            : $"no rule matches {Describe()} together (each selects some rules; kinds combine with AND, values of one kind with OR)";
        if (Globs.Count > 0 && alone.Any(a => a.StartsWith("--filter", StringComparison.Ordinal)))
        {
            message += " (--filter matches a rule id or pack/name, with * and ?)";
        }

        return Diagnostic.Error(DiagnosticCodes.FilterSelectsNothing, new SourceLocation(rulesRoot), message);
    }

    /// <summary>A rule's mapped technique <paramref name="mapped"/> is <paramref name="wanted"/> or one of its sub-techniques.</summary>
    public static bool IsTechnique(string mapped, string wanted) =>
        mapped.Equals(wanted, StringComparison.OrdinalIgnoreCase)
        || (!wanted.Contains('.', StringComparison.Ordinal) && mapped.StartsWith(wanted + ".", StringComparison.OrdinalIgnoreCase));

    private static string Hint(string option, string value, IReadOnlyList<RuleDefinition> rules) =>
        option == "--tag" && ClosestName.Find(value, rules.SelectMany(r => r.Tags).Distinct(StringComparer.Ordinal)) is { } near
            ? $" (did you mean '{near}'?)"
            : string.Empty;

    private RuleFilter KindOnly(string option, string value) => option switch
    {
        "--filter" => new RuleFilter { Globs = [value] },
        "--rule" => new RuleFilter { Ids = [value] },
        "--pack" => new RuleFilter { Packs = [value] },
        "--tag" => new RuleFilter { Tags = [value] },
        "--severity" => new RuleFilter { Severities = [value] },
        _ => new RuleFilter { Techniques = [value] },
    };

    private IEnumerable<(string Option, IReadOnlyList<string> Values)> Kinds() =>
    [
        ("--filter", Globs), ("--rule", Ids), ("--pack", Packs), ("--tag", Tags), ("--severity", Severities), ("--technique", Techniques),
    ];

    [GeneratedRegex(@"^[Tt]\d{4}(\.\d{3})?$", RegexOptions.CultureInvariant)]
    private static partial Regex TechniqueId();
}
