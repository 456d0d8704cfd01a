using DetectionKit.Engine.Compilation;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;
using DetectionKit.Engine.Sources;

namespace DetectionKit.Engine.Settings;

/// <summary>
/// An organisation's settings file (<c>detectionkit.settings.yml</c>, see <c>settings.schema.json</c>),
/// read and checked against the loaded rules: parameter values, per-rule overrides and suppressions,
/// and the evaluation budget. Immutable. The suppressions' <c>when</c> expressions compile with the
/// rules (<see cref="RuleCompiler.Compile"/> takes <see cref="SuppressionsOf"/>); the rest is applied to
/// each compiled rule (<see cref="Apply"/>).
/// </summary>
public sealed class SettingsFile
{
    private readonly IReadOnlyDictionary<string, RuleSettings> rules;

    internal SettingsFile(string path, EvaluationBudget budget, IReadOnlyDictionary<string, RuleSettings> rules)
    {
        Path = path;
        Budget = budget;
        this.rules = rules;
    }

    /// <summary>The full path of the file.</summary>
    public string Path { get; }

    /// <summary>What each call of a rule function may spend: the file's <c>budget</c> over the defaults.</summary>
    public EvaluationBudget Budget { get; }

    /// <summary>How much one input may make a pass read and hold: the file's <c>input</c> over the defaults.</summary>
    public ReadLimits ReadLimits { get; init; } = ReadLimits.Default;

    /// <summary>The file's <c>alerts.redactKeys</c>: key names whose values alerts never carry, beyond the built-in list.</summary>
    public IReadOnlyCollection<string> RedactKeys { get; init; } = [];

    /// <summary>
    /// Reads and checks the file: every problem (a wrong type, an invalid range or account id, a
    /// parameter no loaded rule declares, an unknown rule id) is a diagnostic at its line and column.
    /// </summary>
    /// <param name="path">The settings file.</param>
    /// <param name="rules">Every loaded rule: what names and types the file may use.</param>
    /// <param name="diagnostics">Receives the problems.</param>
    /// <returns>The settings, without what was wrong; null when the file cannot be read or breaks its schema.</returns>
    public static SettingsFile? Load(string path, IReadOnlyList<RuleDefinition> rules, ICollection<Diagnostic> diagnostics) =>
        SettingsFileReader.Read(System.IO.Path.GetFullPath(path), rules, diagnostics);

    /// <summary>What the file says about a rule; <see cref="RuleSettings.None"/> when nothing.</summary>
    public RuleSettings For(string ruleId) => rules.TryGetValue(ruleId, out var settings) ? settings : RuleSettings.None;

    public IReadOnlyList<RuleSuppression> SuppressionsOf(string ruleId) => For(ruleId).Suppressions;

    /// <summary>
    /// The rule as the organisation runs it: enabled or not, its dedup period and threshold, the
    /// severity that replaces the script's, its parameter values over the defaults, the keys its
    /// alerts are scrubbed of. Its suppressions
    /// come from the compilation, which must have been given <see cref="SuppressionsOf"/>.
    /// </summary>
    public CompiledRule Apply(CompiledRule rule)
    {
        var settings = For(rule.Id);
        var definition = rule.Definition;
        return rule with
        {
            Definition = definition with
            {
                Enabled = settings.Enabled ?? definition.Enabled,
                DedupPeriodMinutes = settings.DedupPeriodMinutes ?? definition.DedupPeriodMinutes,
                Threshold = settings.Threshold ?? definition.Threshold,
                RedactKeys = RedactKeys.Count == 0 ? definition.RedactKeys : RedactKeys,
            },
            SeverityOverride = settings.Severity ?? rule.SeverityOverride,
            Parameters = settings.Parameters.Count == 0 ? rule.Parameters : ParameterValue.Merge(rule.Parameters, settings.Parameters),
        };
    }
}
