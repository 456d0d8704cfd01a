using System.Text.RegularExpressions;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Tooling.Catalog;

namespace DetectionKit.Tooling.Importing.Sigma;

/// <summary>
/// Converts one Sigma rule into a DetectionKit rule: the YAML (metadata, a <c>match</c> block for
/// the eventSource and eventName the detection pins, the Sigma id under <c>sigma:</c>, disabled and
/// without cases) and the script (one function per search identifier, <c>Rule</c> the condition).
/// A rule is converted exactly or not at all: any part that cannot be expressed with the same
/// meaning fails the whole rule, with the reason at its line.
/// </summary>
public sealed partial class SigmaConverter
{
    private readonly ApiCatalog catalog;

    public SigmaConverter(ApiCatalog? catalog = null) => this.catalog = catalog ?? ApiCatalog.Default;

    /// <summary>Reads and converts the Sigma file at <paramref name="path"/> into the rule <paramref name="ruleId"/>.</summary>
    /// <param name="path">The Sigma file.</param>
    /// <param name="ruleId">The DetectionKit rule id to give it.</param>
    /// <param name="schemaReference">The path of rules.schema.json relative to the rule's YAML, for its first line.</param>
    public SigmaConversion Convert(string path, string ruleId, string schemaReference)
    {
        var diagnostics = new List<Diagnostic>();
        if (SigmaRuleReader.Read(path, diagnostics) is not { } rule)
        {
            return Failed(path, diagnostics);
        }

        return Convert(rule, ruleId, schemaReference, diagnostics);
    }

    private SigmaConversion Convert(SigmaRule rule, string ruleId, string schemaReference, List<Diagnostic> diagnostics)
    {
        if (!rule.IsCloudTrail)
        {
            var source = string.Join(", ", new[] { ("product", rule.Product), ("service", rule.Service), ("category", rule.Category) }.Where(p => p.Item2 is not null).Select(p => $"{p.Item1}: {p.Item2}"));
            diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.SigmaNotCloudTrail, rule.Positions.Find("/logsource"), $"logsource is {(source.Length == 0 ? "empty" : source)}, not product: aws, service: cloudtrail; skipped"));
            return new SigmaConversion { SourcePath = rule.Path, Outcome = SigmaOutcome.Skipped, Diagnostics = diagnostics };
        }

        if (rule.Timeframe is { } timeframe)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SigmaAggregation, timeframe, "'timeframe' bounds an aggregation over many events; a DetectionKit rule judges one event (dedup.periodMinutes and threshold group its matches), so it is not converted"));
        }

        var searches = rule.Searches.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var conditions = new List<SigmaCondition>();
        foreach (var (text, at) in rule.Conditions)
        {
            if (SigmaConditionParser.Parse(text, out var error) is { } parsed)
            {
                conditions.Add(parsed);
                ResolveNames(parsed, rule, at, diagnostics);
            }
            else
            {
                var (message, offset, aggregation) = error!.Value;
                diagnostics.Add(Diagnostic.Error(aggregation ? DiagnosticCodes.SigmaAggregation : DiagnosticCodes.SigmaConditionInvalid, Shift(rule.Path, at, offset), $"condition '{text}': {message}"));
            }
        }

        // Only what the condition uses is converted: an unused search changes nothing.
        var used = conditions.SelectMany(c => Used(c, rule)).ToHashSet(StringComparer.Ordinal);
        var fields = new SigmaFieldConverter();
        var terms = new Dictionary<string, ScriptTerm>(StringComparer.Ordinal);
        foreach (var search in rule.Searches.Where(s => used.Contains(s.Name)))
        {
            var alternatives = search.Alternatives.Select(map => map.Select(match => fields.Convert(match, diagnostics)).ToList()).ToList();
            if (alternatives.All(a => a.All(t => t is not null)))
            {
                terms[search.Name] = ScriptTerm.AnyOf(alternatives.Select(a => ScriptTerm.AllOf(a!)));
            }
        }

        if (diagnostics.Any(d => d.IsError))
        {
            return Failed(rule.Path, diagnostics);
        }

        var condition = conditions.Count == 1 ? ToTerm(conditions[0], rule) : ScriptTerm.AnyOf(conditions.Select(c => ToTerm(c, rule)));
        var match = Match(condition, terms, rule, diagnostics);

        // What the match block guarantees is not checked again; a search it decides alone is inlined.
        var finalTerms = terms.ToDictionary(p => p.Key, p => p.Value.Rewrite(t => t is ScriptTerm.Pinned pinned ? (Covers(match, pinned.Pin) ? ScriptTerm.True : pinned.Term) : t), StringComparer.Ordinal);
        var body = condition.Rewrite(t => t is ScriptTerm.Search { Name: var name } && finalTerms[name] is ScriptTerm.Constant constant ? constant : t);
        var (tags, mitre) = SigmaMetadata.Tags(rule.Tags);
        var severity = SigmaMetadata.Severity(rule.Level);
        if (severity is null)
        {
            diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.SigmaMetadataAdjusted, rule.Level is null ? new(rule.Path, 1, 1) : rule.Positions.FindValue("/level"), rule.Level is null ? "no level: the rule gets severity medium" : $"level '{rule.Level}' is not informational, low, medium, high or critical: the rule gets severity medium"));
        }

        var references = new List<string>();
        for (var index = 0; index < rule.References.Count; index++)
        {
            if (UrlPattern().IsMatch(rule.References[index]))
            {
                references.Add(rule.References[index]);
            }
            else
            {
                diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.SigmaMetadataAdjusted, rule.Positions.FindValue($"/references/{index}"), $"reference '{rule.References[index]}' is not an http(s) URL; left out (rules.schema.json takes URLs only)"));
            }
        }

        var script = SigmaScriptWriter.Write(rule, body, finalTerms, match);
        var yaml = SigmaRuleYamlWriter.Write(new SigmaRuleYamlWriter.Content(rule, ruleId, schemaReference, severity ?? "medium", references, tags, mitre, match));
        return new SigmaConversion { SourcePath = rule.Path, Outcome = SigmaOutcome.Converted, RuleId = ruleId, Yaml = yaml, Script = script, Diagnostics = Ordered(diagnostics) };
    }

    /// <summary>Reports names the condition uses that no search has, and patterns that match none.</summary>
    private static void ResolveNames(SigmaCondition condition, SigmaRule rule, SourceLocation at, List<Diagnostic> diagnostics)
    {
        var names = rule.Searches.Select(s => s.Name).ToList();
        foreach (var node in Nodes(condition))
        {
            switch (node)
            {
                case SigmaSearchRef reference when !names.Contains(reference.Name, StringComparer.Ordinal):
                    var hint = ClosestName.Find(reference.Name, names) is { } near ? $" (did you mean '{near}'?)" : string.Empty;
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SigmaConditionInvalid, Shift(rule.Path, at, reference.Offset), $"the condition names '{reference.Name}', which is not a search identifier of the detection{hint}"));
                    break;
                case SigmaQuantified quantified when Matching(quantified, rule).Count == 0:
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SigmaConditionInvalid, Shift(rule.Path, at, quantified.Offset), quantified.Pattern is null ? "'them' names no search identifier (those starting with '_' are left out)" : $"'{quantified.Pattern}' matches no search identifier of the detection"));
                    break;
            }
        }
    }

    private static IEnumerable<SigmaCondition> Nodes(SigmaCondition condition) => condition switch
    {
        SigmaAnd and => [and, .. and.Operands.SelectMany(Nodes)],
        SigmaOr or => [or, .. or.Operands.SelectMany(Nodes)],
        SigmaNot not => [not, .. Nodes(not.Operand)],
        _ => [condition],
    };

    private static IEnumerable<string> Used(SigmaCondition condition, SigmaRule rule) => Nodes(condition).SelectMany(node => node switch
    {
        SigmaSearchRef reference => [reference.Name],
        SigmaQuantified quantified => Matching(quantified, rule),
        _ => (IEnumerable<string>)[],
    });

    /// <summary>The search identifiers a <c>1 of</c>/<c>all of</c> names, in the order written.</summary>
    private static List<string> Matching(SigmaQuantified quantified, SigmaRule rule)
    {
        if (quantified.Pattern is null)
        {
            return [.. rule.Searches.Select(s => s.Name).Where(n => !n.StartsWith('_'))];
        }

        var regex = new Regex("^" + string.Join(".*", quantified.Pattern.Split('*').Select(Regex.Escape)) + "$", RegexOptions.CultureInvariant);
        return [.. rule.Searches.Select(s => s.Name).Where(n => regex.IsMatch(n))];
    }

    private static ScriptTerm ToTerm(SigmaCondition condition, SigmaRule rule) => condition switch
    {
        SigmaAnd and => ScriptTerm.AllOf(and.Operands.Select(o => ToTerm(o, rule))),
        SigmaOr or => ScriptTerm.AnyOf(or.Operands.Select(o => ToTerm(o, rule))),
        SigmaNot not => new ScriptTerm.Negation(ToTerm(not.Operand, rule)),
        SigmaSearchRef reference => new ScriptTerm.Search(reference.Name),
        SigmaQuantified { All: true } all => ScriptTerm.AllOf(Matching(all, rule).Select(n => new ScriptTerm.Search(n))),
        SigmaQuantified one => ScriptTerm.AnyOf(Matching(one, rule).Select(n => new ScriptTerm.Search(n))),
        _ => throw new InvalidOperationException($"unknown condition node {condition.GetType().Name}"),
    };

    /// <summary>
    /// The match block: for eventSource and for eventName, the values every match of the condition
    /// must have, when the detection pins them (as the API catalog spells them: CloudTrail writes
    /// each name one way). A value the catalog does not know is left to the script, with a warning.
    /// </summary>
    private SigmaMatch Match(ScriptTerm condition, Dictionary<string, ScriptTerm> terms, SigmaRule rule, List<Diagnostic> diagnostics)
    {
        var at = rule.Positions.Find("/detection");
        var sources = new List<string>();
        if (Pins(condition, "eventSource", terms) is { Count: > 0 } pinnedSources)
        {
            var known = pinnedSources.Select(s => catalog.EventSources.FirstOrDefault(k => string.Equals(k, s, StringComparison.OrdinalIgnoreCase))).ToList();
            if (known.All(k => k is not null))
            {
                sources = [.. known.OfType<string>().Distinct(StringComparer.Ordinal)];
            }
            else
            {
                var unknown = pinnedSources.First(s => !catalog.EventSources.Contains(s, StringComparer.OrdinalIgnoreCase));
                var hint = catalog.SuggestEventSource(unknown) is { } near ? $" (did you mean '{near}'?)" : string.Empty;
                diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.SigmaNameNotInCatalog, at, $"eventSource '{unknown}' is not an AWS service in the API catalog{hint}; the script checks eventSource, and the rule's match block does not name one"));
            }
        }

        var names = new List<string>();
        if (Pins(condition, "eventName", terms) is { Count: > 0 } pinnedNames)
        {
            var candidates = (sources.Count > 0 ? sources : catalog.EventSources).SelectMany(catalog.OperationsOf).Distinct(StringComparer.Ordinal).ToList();
            var known = pinnedNames.Select(n => candidates.FirstOrDefault(k => string.Equals(k, n, StringComparison.OrdinalIgnoreCase))).ToList();
            if (known.All(k => k is not null))
            {
                names = [.. known.OfType<string>().Distinct(StringComparer.Ordinal)];
            }
            else
            {
                var unknown = pinnedNames.First(n => !candidates.Contains(n, StringComparer.OrdinalIgnoreCase));
                var hint = catalog.SuggestOperation(unknown, sources) is { } near ? $" (did you mean '{near}'?)" : string.Empty;
                var of = sources.Count > 0 ? $"of {string.Join(", ", sources)}" : "of any service";
                diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.SigmaNameNotInCatalog, at, $"eventName '{unknown}' is not an operation {of} in the API catalog{hint}; the script checks eventName, and the rule's match block does not name one"));
            }
        }

        return new SigmaMatch(sources, names);
    }

    /// <summary>The values a field must have (ignoring case) for the term to hold, or null when the term does not pin it.</summary>
    private static List<string>? Pins(ScriptTerm term, string field, Dictionary<string, ScriptTerm> terms) => term switch
    {
        ScriptTerm.Pinned pinned when pinned.Pin.Field == field => [.. pinned.Pin.Values.Distinct(StringComparer.OrdinalIgnoreCase)],
        ScriptTerm.Search search => Pins(terms[search.Name], field, terms),
        ScriptTerm.All all => all.Terms.Select(t => Pins(t, field, terms)).OfType<List<string>>().Aggregate((List<string>?)null, (sofar, next) => sofar is null ? next : [.. sofar.Where(v => next.Contains(v, StringComparer.OrdinalIgnoreCase))]),
        ScriptTerm.Any any => any.Terms.Select(t => Pins(t, field, terms)).ToList() is var each && each.All(p => p is not null) && each.Count > 0
            ? [.. each.SelectMany(p => p!).Distinct(StringComparer.OrdinalIgnoreCase)]
            : null,
        _ => null,
    };

    /// <summary>True when the match block alone guarantees the pinned test: every value it lets through is one the test accepts.</summary>
    private static bool Covers(SigmaMatch match, FieldPin pin)
    {
        var allowed = pin.Field == "eventSource" ? match.EventSources : match.EventNames;
        return allowed.Count > 0 && allowed.All(a => pin.Values.Contains(a, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>A position <paramref name="offset"/> characters into a condition written at <paramref name="at"/> (after its opening quote, if quoted).</summary>
    private static SourceLocation Shift(string path, SourceLocation at, int offset)
    {
        if (at.Line <= 0)
        {
            return at;
        }

        var quote = 0;
        try
        {
            var line = File.ReadLines(path).Skip(at.Line - 1).FirstOrDefault();
            quote = line is not null && at.Column - 1 < line.Length && line[at.Column - 1] is '\'' or '"' ? 1 : 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The column is then the value's own start; the message still quotes the condition.
        }

        return at with { Column = at.Column + quote + offset };
    }

    private static SigmaConversion Failed(string path, List<Diagnostic> diagnostics) =>
        new() { SourcePath = path, Outcome = SigmaOutcome.Failed, Diagnostics = Ordered(diagnostics) };

    private static List<Diagnostic> Ordered(List<Diagnostic> diagnostics) =>
        [.. diagnostics.OrderBy(d => d.Location.Line).ThenBy(d => d.Location.Column)];

    [GeneratedRegex(@"^https?://\S+$")]
    private static partial Regex UrlPattern();
}
