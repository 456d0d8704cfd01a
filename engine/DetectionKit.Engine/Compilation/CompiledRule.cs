using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;
using DetectionKit.Scripting;

namespace DetectionKit.Engine.Compilation;

/// <summary>
/// A rule ready to evaluate: its definition and its script's functions, with the parameter values its
/// functions read (the declared defaults, unless settings or a case say otherwise), the suppressions
/// an organisation's settings give it, and a severity that replaces what the script computes.
/// </summary>
public sealed record CompiledRule(RuleDefinition Definition, RuleFunctions Functions)
{
    public string Id => Definition.Id;

    /// <summary>The values <c>Parameters.AccountIds(name)</c> and the other accessors return while the rule's functions run, by name.</summary>
    public IReadOnlyDictionary<string, object> Parameters { get; init; } = Definition.Parameters.ToDictionary(p => p.Name, p => p.Default, StringComparer.Ordinal);

    /// <summary>Matches that are not alerts; the first that holds suppresses the match.</summary>
    public IReadOnlyList<CompiledSuppression> Suppressions { get; init; } = [];

    /// <summary>A severity from the settings that replaces the YAML's and the script's <c>Severity</c>; null to keep them.</summary>
    public AlertSeverity? SeverityOverride { get; init; }

    /// <summary>Where an exception thrown by the script was written.</summary>
    internal SourceLocation Locate(Exception exception) => ExceptionLocator.Locate(exception, Sources, Definition.ScriptPath);

    /// <summary>The maps back to what the author wrote, of the rule's script and of the libraries it loads, by path.</summary>
    internal IReadOnlyDictionary<string, ScriptSourceMap> Sources { get; init; } = new Dictionary<string, ScriptSourceMap>();

    /// <summary>The rule as its YAML and script say it, with none of an organisation's settings: what snapshots record.</summary>
    public CompiledRule AsShipped(IReadOnlyDictionary<string, object>? caseParameters = null) => this with
    {
        Parameters = caseParameters is { Count: > 0 } ? ParameterValue.Merge(Defaults, caseParameters) : Defaults,
        Suppressions = [],
        SeverityOverride = null,
    };

    private IReadOnlyDictionary<string, object> Defaults => Definition.Parameters.ToDictionary(p => p.Name, p => p.Default, StringComparer.Ordinal);
}
