using System.Text.RegularExpressions;
using DetectionKit.Engine.Rules;

namespace DetectionKit.Cli.Commands;

/// <summary>A <c>--filter</c> glob, matched against a rule's id and its <c>pack/name</c>.</summary>
internal sealed class RuleGlob
{
    private readonly Regex pattern;

    public RuleGlob(string glob) =>
        pattern = new Regex("^" + Regex.Escape(glob).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant);

    public bool Matches(RuleDefinition rule) => pattern.IsMatch(rule.Id) || pattern.IsMatch(rule.RelativeName);
}
