using System.Text.Json.Nodes;

namespace DetectionKit.Tooling.Testing;

/// <summary>
/// One capture replayed and compared with its verified alerts. <see cref="ChangedRuleIds"/> are the
/// rules whose alerts on it differ, so a failure can name the narrowest command that accepts it.
/// </summary>
public sealed record CaptureTestResult(
    string Name,
    string Path,
    JsonObject Received,
    JsonObject? Verified,
    IReadOnlyList<string> Failures,
    IReadOnlyList<string> ChangedRuleIds)
{
    public bool Passed => Failures.Count == 0;
}
