using DetectionKit.Engine.Compilation.Caching;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Loading;
using DetectionKit.Engine.Settings;

namespace DetectionKit.Engine.Evaluation;

/// <summary>Load, compile, lock: turns a rules directory (and an organisation's settings) into an immutable <see cref="RuleSet"/>.</summary>
public static class RuleSetBuilder
{
    /// <param name="rulesRoot">The rules directory.</param>
    /// <param name="include">The rules to compile; all when null.</param>
    /// <param name="settingsPath">A settings file, checked against every loaded rule and applied to those compiled; none when null.</param>
    /// <param name="cache">Where compiled rules are kept between loads; none when null.</param>
    public static LoadedRules Build(string rulesRoot, Func<Rules.RuleDefinition, bool>? include = null, string? settingsPath = null, RuleCache? cache = null)
    {
        var loaded = RuleLoader.Load(rulesRoot);
        var selected = include is null ? loaded.Rules : loaded.Rules.Where(include).ToList();
        var settingsProblems = new List<Diagnostic>();
        var settings = settingsPath is null ? null : SettingsFile.Load(settingsPath, loaded.Rules, settingsProblems);
        var compiled = (cache ?? RuleCache.Disabled).Compile(selected, settings?.Budget, settings is null ? null : settings.SuppressionsOf);
        var rules = settings is null ? compiled.Rules : compiled.Rules.Select(settings.Apply).ToList();

        // Running does not need the recorded cases: their problems are warnings here.
        var diagnostics = loaded.Diagnostics
            .Select(d => d.IsError && RuleFileParser.CaseCodes.Contains(d.Code) ? d with { Severity = DiagnosticSeverity.Warning } : d)
            .Concat(settingsProblems)
            .Concat(compiled.Diagnostics)
            .ToList();

        // A suppression's 'when' compiles with its rule, so the settings file's problems include the compiler's.
        var settingsFile = settings?.Path ?? (settingsPath is null ? null : Path.GetFullPath(settingsPath));
        return new LoadedRules(new RuleSet(rules, settings?.Budget), rules, selected, diagnostics)
        {
            Settings = settings,
            SettingsProblems = settingsProblems.Concat(compiled.Diagnostics.Where(d => d.Location.Path == settingsFile)).ToList(),
        };
    }
}
