using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;

namespace DetectionKit.Engine.Compilation;

/// <summary>A rule ready to evaluate: its definition and its script's functions.</summary>
public sealed record CompiledRule(RuleDefinition Definition, RuleFunctions Functions)
{
    public string Id => Definition.Id;

    /// <summary>Where an exception thrown by the script was written.</summary>
    internal SourceLocation Locate(Exception exception) => ExceptionLocator.Locate(exception, Sources, Definition.ScriptPath);

    /// <summary>The maps back to what the author wrote, of the rule's script and of the libraries it loads, by path.</summary>
    internal IReadOnlyDictionary<string, ScriptSourceMap> Sources { get; init; } = new Dictionary<string, ScriptSourceMap>();
}
