using DetectionKit.Engine.Compilation.Caching;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Selection;

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
    public RuleSelection? Select(IReadOnlyList<string> packs, ICollection<Diagnostic> problems) =>
        Select(new RuleFilter { Packs = packs }, problems);

    /// <param name="filter">The rules to run. Those named by id (<c>--rule</c>) run even when disabled (by their YAML or the settings): an author trying a rule asked for it by name.</param>
    /// <param name="problems">Receives why a value of the filter cannot be used (an unknown pack, id, severity), as <see cref="RuleFilter.Resolve"/> says.</param>
    /// <returns>The selection, or null when a value cannot be used.</returns>
    public RuleSelection? Select(RuleFilter filter, ICollection<Diagnostic> problems)
    {
        var include = filter.IsEmpty ? (_ => true) : filter.Resolve(RulesRoot, loaded.Definitions, problems);
        if (include is null)
        {
            return null;
        }

        // A problem of a rule left out does not concern this selection; one that names no rule might.
        var selected = loaded.Definitions.Where(include).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var loadProblems = loaded.Diagnostics.Where(d => d.RuleId is null || selected.Contains(d.RuleId)).ToList();
        var byId = filter.Ids.ToHashSet(StringComparer.Ordinal);
        var rules = loaded.Compiled
            .Where(r => include(r.Definition))
            .Select(r => byId.Contains(r.Id) && !r.Definition.Enabled ? r with { Definition = r.Definition with { Enabled = true } } : r);
        // The rules a selected correlation names run as its steps, selected or not; left out, they only feed it.
        var chosen = rules.ToList();
        var named = chosen.Where(r => r.Definition.Enabled && r.Definition.IsCorrelation).SelectMany(r => r.Definition.Correlation!.ReferencedRules).ToHashSet(StringComparer.Ordinal);
        var steps = loaded.Compiled.Where(r => named.Contains(r.Id) && !include(r.Definition)).Select(r => r with { Definition = r.Definition with { Enabled = false } });
        return new RuleSelection(filter.Packs, new RuleSet(chosen.Concat(steps), loaded.RuleSet.Budget), loadProblems)
        {
            ReadLimits = loaded.Settings?.ReadLimits ?? Sources.ReadLimits.Default,
            Enabled = [.. loaded.Compiled.Where(r => byId.Contains(r.Id) && !r.Definition.Enabled).Select(r => r.Id).Order(StringComparer.Ordinal)],
        };
    }
}
