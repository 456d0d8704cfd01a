using DetectionKit.Scripting;

namespace DetectionKit.Engine.Compilation;

/// <summary>The functions a rule script defined, bound to one instance of its compiled class.</summary>
public sealed record RuleFunctions(
    Func<CloudTrailEvent, bool> Rule,
    Func<CloudTrailEvent, string?>? Title = null,
    Func<CloudTrailEvent, string?>? Dedup = null,
    Func<CloudTrailEvent, object?>? Severity = null,
    Func<CloudTrailEvent, object?>? AlertContext = null)
{
    /// <summary>The <c>when</c> expressions of the settings' suppressions, compiled into the class, in the suppressions' order; null for one without.</summary>
    public IReadOnlyList<Func<CloudTrailEvent, bool>?> Suppressions { get; init; } = [];
}
