using DetectionKit.Engine.Rules;

namespace DetectionKit.Engine.Compilation;

/// <summary>A rule ready to evaluate: its definition and its script's functions.</summary>
public sealed record CompiledRule(RuleDefinition Definition, RuleFunctions Functions)
{
    public string Id => Definition.Id;
}
