using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;
using DetectionKit.Engine.Settings;

namespace DetectionKit.Engine.Evaluation;

/// <summary>The outcome of loading a rules directory: what will run, what was defined, and every problem.</summary>
public sealed record LoadedRules(
    RuleSet RuleSet,
    IReadOnlyList<Compilation.CompiledRule> Compiled,
    IReadOnlyList<RuleDefinition> Definitions,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    /// <summary>The settings file applied to the compiled rules, if one was given and could be read.</summary>
    public SettingsFile? Settings { get; init; }

    /// <summary>The problems of the settings file (also among <see cref="Diagnostics"/>): with any error, nothing should run on it.</summary>
    public IReadOnlyList<Diagnostic> SettingsProblems { get; init; } = [];

    public bool HasSettingsErrors => SettingsProblems.Any(d => d.IsError);
}
