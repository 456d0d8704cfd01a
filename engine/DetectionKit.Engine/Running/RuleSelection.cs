using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Sources;

namespace DetectionKit.Engine.Running;

/// <summary>What a pack list selects: the rule set that runs, and the load problems that concern it.</summary>
/// <param name="Packs">The pack names the selection was made with; empty for every rule.</param>
/// <param name="Rules">The enabled selected rules that loaded.</param>
/// <param name="LoadProblems">The load and compile problems of the selected rules, and those that name no rule.</param>
public sealed record RuleSelection(IReadOnlyList<string> Packs, RuleSet Rules, IReadOnlyList<Diagnostic> LoadProblems)
{
    /// <summary>How much one input may make a pass over these rules read and hold: the settings' <c>input</c>, or the defaults.</summary>
    public ReadLimits ReadLimits { get; init; } = ReadLimits.Default;

    /// <summary>Disabled rules the selection runs all the same, because they were named by id.</summary>
    public IReadOnlyList<string> Enabled { get; init; } = [];

    /// <summary>Nothing enabled that loaded was selected: a pass would detect nothing.</summary>
    public bool SelectsNothing => Rules.Rules.Count == 0;

    /// <summary>Selected rules (or rule files with no id yet) that failed to load, each counted once.</summary>
    public int FailedToLoad =>
        LoadProblems.Where(d => d.IsError).Select(d => d.RuleId ?? d.Location.Path).Distinct(StringComparer.Ordinal).Count();
}
