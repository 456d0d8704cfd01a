using DetectionKit.Engine.Compilation.Caching;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Loading;
using DetectionKit.Engine.Packs;
using DetectionKit.Engine.Settings;
using DetectionKit.Tooling.Captures;

namespace DetectionKit.Tooling.Validation;

/// <summary>
/// Validates a rules directory: schema, unique ids, case files, compilation, then the per-rule
/// validators (the case gate, snapshot presence and stale entries, API names in <c>match</c>), the
/// snapshots whose rule is gone, the captures' verified alerts, the pack files, and an organisation's
/// settings file against the rules (its suppressions' <c>when</c> compile with them). All problems are
/// collected in one pass, and no case or capture is run: what <c>test</c> would fail on for want of
/// an <c>--accept</c> is reported from the files alone.
/// </summary>
public static class RuleValidation
{
    public static IReadOnlyList<IRuleValidator> DefaultValidators { get; } =
        [new CaseGateValidator(), new SnapshotPresenceValidator(), new StaleSnapshotEntryValidator(), new ApiOperationValidator(), new AttackIdValidator()];

    /// <param name="rulesRoot">The rules directory.</param>
    /// <param name="validators">The per-rule checks; <see cref="DefaultValidators"/> when null.</param>
    /// <param name="captures">The captures whose verified alerts to check, or null for none.</param>
    /// <param name="settingsPath">A settings file to check against the rules, or null for none.</param>
    /// <param name="cache">Where compiled rules are kept between loads; none when null. A cached load reports exactly what compiling does.</param>
    public static ValidationReport Validate(string rulesRoot, IReadOnlyList<IRuleValidator>? validators = null, CaptureDirectory? captures = null, string? settingsPath = null, RuleCache? cache = null)
    {
        var loaded = RuleLoader.Load(rulesRoot);
        var diagnostics = new List<Diagnostic>(loaded.Diagnostics);
        var settings = settingsPath is null ? null : SettingsFile.Load(settingsPath, loaded.Rules, diagnostics);
        var compiled = (cache ?? RuleCache.Disabled).Compile(loaded.Rules, settings?.Budget, settings is null ? null : settings.SuppressionsOf);
        diagnostics.AddRange(compiled.Diagnostics);
        foreach (var rule in loaded.Rules)
        {
            foreach (var validator in validators ?? DefaultValidators)
            {
                diagnostics.AddRange(validator.Validate(rule));
            }
        }

        IRuleSetValidator[] wholeSet = captures is null
            ? [new OrphanSnapshotValidator(rulesRoot), new SilencedRulesValidator()]
            : [new OrphanSnapshotValidator(rulesRoot), new SilencedRulesValidator(), new CaptureAlertsValidator(captures)];
        foreach (var validator in wholeSet)
        {
            diagnostics.AddRange(validator.Validate(loaded));
        }

        foreach (var pack in PackFileParser.LoadAll(rulesRoot, diagnostics))
        {
            diagnostics.AddRange(PackValidator.Validate(pack, loaded.Rules));
        }

        var ordered = diagnostics
            .OrderBy(d => d.Location.Path, StringComparer.Ordinal)
            .ThenBy(d => d.Location.Line)
            .ThenBy(d => d.Location.Column)
            .ToList();
        var broken = ordered.Where(d => d.IsError).Select(d => d.RuleId ?? d.Location.Path).ToHashSet(StringComparer.Ordinal);
        var valid = loaded.Rules.Count(r => !broken.Contains(r.Id));
        return new ValidationReport(loaded.RuleFiles.Count, valid, ordered);
    }
}
