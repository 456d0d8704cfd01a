using DetectionKit.Engine.Compilation.Caching;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Packs;

namespace DetectionKit.Engine.Running;

/// <summary>
/// The rules of one directory, loaded and compiled once with an organisation's settings (if any)
/// applied; each pack list then selects what runs from them without compiling again (<c>run</c>
/// selects once, <c>schedule</c> once per job).
/// </summary>
public sealed class RuleSelector
{
    private readonly LoadedRules loaded;

    private RuleSelector(string rulesRoot, LoadedRules loaded)
    {
        RulesRoot = rulesRoot;
        this.loaded = loaded;
    }

    public string RulesRoot { get; }

    /// <summary>Every problem found loading and compiling the directory, whatever is selected.</summary>
    public IReadOnlyList<Diagnostic> LoadProblems => loaded.Diagnostics;

    public bool HasLoadErrors => loaded.HasErrors;

    /// <summary>The problems of the settings file (also among <see cref="LoadProblems"/>).</summary>
    public IReadOnlyList<Diagnostic> SettingsProblems => loaded.SettingsProblems;

    /// <summary>The settings file has errors: a pass would run without what the organisation meant it to have, so none should.</summary>
    public bool HasSettingsErrors => loaded.HasSettingsErrors;

    /// <param name="rulesRoot">The rules directory.</param>
    /// <param name="settingsPath">The organisation's settings file, or null for the rules as shipped.</param>
    /// <param name="cache">Where compiled rules are kept between loads; none when null.</param>
    public static RuleSelector Load(string rulesRoot, string? settingsPath = null, RuleCache? cache = null) => new(rulesRoot, RuleSetBuilder.Build(rulesRoot, settingsPath: settingsPath, cache: cache));

    /// <param name="packs">Pack names (pack files or folders); none selects every rule.</param>
    /// <param name="problems">Receives a DK1013 for each unknown pack, and the problems of invalid pack files.</param>
    /// <returns>The selection, or null when a pack is unknown or a pack file is invalid.</returns>
    public RuleSelection? Select(IReadOnlyList<string> packs, ICollection<Diagnostic> problems)
    {
        var include = PackSelector.Resolve(packs, RulesRoot, loaded.Definitions, problems);
        if (include is null)
        {
            return null;
        }

        // A problem of a rule left out does not concern this selection; one that names no rule might.
        var selected = loaded.Definitions.Where(include).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var loadProblems = loaded.Diagnostics.Where(d => d.RuleId is null || selected.Contains(d.RuleId)).ToList();
        return new RuleSelection(packs, new RuleSet(loaded.Compiled.Where(r => include(r.Definition)), loaded.RuleSet.Budget), loadProblems)
        {
            ReadLimits = loaded.Settings?.ReadLimits ?? Sources.ReadLimits.Default,
        };
    }
}
