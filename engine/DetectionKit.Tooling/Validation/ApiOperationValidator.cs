using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;
using DetectionKit.Tooling.Catalog;

namespace DetectionKit.Tooling.Validation;

/// <summary>
/// The <c>match</c> block names real AWS API events: every <c>eventSource</c> is in the API catalog, and
/// every <c>eventName</c> is an operation of one of the listed sources (of any source when none is
/// listed). A misspelled name would otherwise make a rule that silently never fires.
/// </summary>
public sealed class ApiOperationValidator : IRuleValidator
{
    private readonly ApiCatalog? catalog;

    /// <summary>Checks against the catalog shipped in the engine.</summary>
    public ApiOperationValidator()
    {
    }

    public ApiOperationValidator(ApiCatalog catalog) => this.catalog = catalog;

    // Resolved on first use, so building the default validator list does not read the catalog.
    private ApiCatalog Catalog => catalog ?? ApiCatalog.Default;

    /// <summary>The rule's <c>match</c>, and for a correlation rule each function step's <c>match</c>.</summary>
    public IEnumerable<Diagnostic> Validate(RuleDefinition rule)
    {
        var steps = rule.Correlation?.Steps ?? [];
        return Validate(rule, rule.Match, "/match").Concat(steps.SelectMany((step, i) => Validate(rule, step.Match, $"/correlation/steps/{i}/match")));
    }

    private IEnumerable<Diagnostic> Validate(RuleDefinition rule, EventMatch match, string pointer)
    {
        var sources = match.EventSources;
        var knownSources = new List<string>();
        for (var index = 0; index < sources.Count; index++)
        {
            var source = sources[index];
            if (Catalog.HasEventSource(source))
            {
                knownSources.Add(source);
                continue;
            }

            var hint = Catalog.SuggestEventSource(source) is { } suggestion ? $" (did you mean '{suggestion}'?)" : "; event sources look like 'iam.amazonaws.com'";
            yield return Diagnostic.Error(DiagnosticCodes.UnknownEventSource, rule.LocationOf($"{pointer}/eventSource/{index}"), $"eventSource '{source}' is not an AWS service in the API catalog{hint}", rule.Id);
        }

        // With every listed source unknown there is nothing to check the names against; the source errors say enough.
        if (sources.Count > 0 && knownSources.Count == 0)
        {
            yield break;
        }

        var names = match.EventNames;
        for (var index = 0; index < names.Count; index++)
        {
            var name = names[index];
            var elsewhere = Catalog.EventSourcesOf(name);
            if (knownSources.Count == 0 ? elsewhere.Count > 0 : knownSources.Any(source => Catalog.HasOperation(source, name)))
            {
                continue;
            }

            var owner = knownSources.Count == 0 ? "any AWS service in the API catalog" : string.Join(" or ", knownSources);
            yield return Diagnostic.Error(DiagnosticCodes.UnknownEventName, rule.LocationOf($"{pointer}/eventName/{index}"), $"eventName '{name}' is not an operation of {owner}{Hint(name, elsewhere, knownSources)}", rule.Id);
        }
    }

    // Where the name is really from, else the nearest operation of the listed sources, else of any source.
    private string Hint(string name, IReadOnlyList<string> elsewhere, IReadOnlyList<string> knownSources)
    {
        if (elsewhere.Count > 0)
        {
            return $" (it is an operation of {Sources(elsewhere)})";
        }

        if (Catalog.SuggestOperation(name, knownSources) is { } suggestion)
        {
            return $" (did you mean '{suggestion}'?)";
        }

        return knownSources.Count > 0 && Catalog.SuggestOperation(name, []) is { } other
            ? $" (did you mean '{other}' of {Sources(Catalog.EventSourcesOf(other))}?)"
            : string.Empty;
    }

    private static string Sources(IReadOnlyList<string> sources) =>
        string.Join(", ", sources.Take(3)) + (sources.Count > 3 ? ", ..." : string.Empty);
}
