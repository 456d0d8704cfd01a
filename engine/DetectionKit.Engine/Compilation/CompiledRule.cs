using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;

namespace DetectionKit.Engine.Compilation;

/// <summary>A rule ready to evaluate: its definition and its script's functions.</summary>
public sealed record CompiledRule(RuleDefinition Definition, RuleFunctions Functions)
{
    public string Id => Definition.Id;

    /// <summary>Where an exception thrown by the script was written.</summary>
    internal SourceLocation Locate(Exception exception) =>
        Source is null ? new SourceLocation(Definition.ScriptPath) : ExceptionLocator.Locate(exception, Source);

    internal ScriptSourceMap? Source { get; init; }
}
