using DetectionKit.Engine.Rules;
using DetectionKit.Scripting;

namespace DetectionKit.Engine.Settings;

/// <summary>What a settings file says about one rule, checked against the rule: null for what it leaves as the rule has it.</summary>
public sealed record RuleSettings
{
    public static RuleSettings None { get; } = new();

    /// <summary>false takes the rule out of run and schedule; true runs one its YAML disables.</summary>
    public bool? Enabled { get; init; }

    /// <summary>Replaces the YAML severity and what the script's <c>Severity</c> computes.</summary>
    public AlertSeverity? Severity { get; init; }

    public int? DedupPeriodMinutes { get; init; }

    public int? Threshold { get; init; }

    /// <summary>Parameter values for the rule: the file's top-level values of the names it declares, then its own entry's.</summary>
    public IReadOnlyDictionary<string, object> Parameters { get; init; } = new Dictionary<string, object>();

    public IReadOnlyList<RuleSuppression> Suppressions { get; init; } = [];
}
