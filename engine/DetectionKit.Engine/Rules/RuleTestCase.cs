using System.Text.Json;
using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Engine.Rules;

/// <summary>
/// A recorded case of a rule: one or more events and whether the rule should match. A case read
/// from a file holding several events expects a match when any of them matches.
/// </summary>
public sealed record RuleTestCase(
    string Name,
    bool Expect,
    IReadOnlyList<JsonElement> Events,
    string? File,
    SourceLocation Location)
{
    /// <summary>The case's own parameter values, over the rule's defaults (and an organisation's settings).</summary>
    public IReadOnlyDictionary<string, object> Parameters { get; init; } = new Dictionary<string, object>();
}
