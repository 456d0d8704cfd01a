using System.CommandLine;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Selection;

namespace DetectionKit.Cli.Options;

/// <summary>
/// <c>--pack</c>, <c>--tag</c>, <c>--severity</c> and <c>--technique</c>, each repeatable, on the commands
/// that select rules; they only gather values, which <see cref="RuleFilter"/> gives their meaning.
/// </summary>
internal sealed class FilterOptions
{
    private readonly Option<string[]> packs = Repeatable("--pack", "NAME", "Only the rules of this pack (a rules/ folder such as aws/iam, or a rules/<name>.pack.yml); repeatable.");
    private readonly Option<string[]> tags = Repeatable("--tag", "TAG", "Only rules with this tag; repeatable (any of them).");
    private readonly Option<string[]> severities = Repeatable("--severity", "LEVEL", "Only rules of this declared severity (info, low, medium, high, critical), or of it and above with a trailing + (high+); repeatable.");
    private readonly Option<string[]> techniques = Repeatable("--technique", "ID", "Only rules mapped to this ATT&CK technique (T1078 includes its sub-techniques such as T1078.004); repeatable.");

    public void AddTo(Command command)
    {
        command.Options.Add(packs);
        command.Options.Add(tags);
        command.Options.Add(severities);
        command.Options.Add(techniques);
    }

    public RuleFilter Read(ParseResult parse) => new()
    {
        Packs = parse.GetValue(packs) ?? [],
        Tags = parse.GetValue(tags) ?? [],
        Severities = parse.GetValue(severities) ?? [],
        Techniques = parse.GetValue(techniques) ?? [],
    };

    /// <summary>The error for a filter that selects no enabled rule: DK3010 for an unknown pack alone, DK3009 otherwise.</summary>
    public static string SelectsNothing(string rules, RuleFilter filter)
    {
        var what = (filter with { Packs = [] }).IsEmpty
            ? $"error {DiagnosticCodes.UnknownPack}: the pack {string.Join(", ", filter.Packs)} selects"
            : $"error {DiagnosticCodes.FilterSelectsNothing}: the filter {filter.Describe()} selects";
        return $"{rules}: {what} no enabled rule that loaded; nothing would be detected";
    }

    private static Option<string[]> Repeatable(string name, string value, string description) => new(name)
    {
        Description = description,
        HelpName = value,
    };
}
