using DetectionKit.Engine.Packs;
using DetectionKit.Engine.Rules;

namespace DetectionKit.Cli.Options;

/// <summary>A <c>--filter</c> glob, matched against a rule's id and its <c>pack/name</c>.</summary>
internal sealed class RuleGlob(string glob)
{
    private readonly IdGlob pattern = new(glob);

    public bool Matches(RuleDefinition rule) => pattern.Matches(rule.Id) || pattern.Matches(rule.RelativeName);
}
