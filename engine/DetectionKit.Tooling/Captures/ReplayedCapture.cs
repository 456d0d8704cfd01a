using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Tooling.Captures;

/// <summary>
/// One capture after the replay: how many records it holds, how many matches the rules made before
/// dedup and thresholds, the alerts that came out of the alert pipeline (oldest first), and any
/// unreadable input or rule exception on the way.
/// </summary>
public sealed record ReplayedCapture(string Name, string Path, int Events, long Matches, IReadOnlyList<Alert> Alerts, IReadOnlyList<Diagnostic> Problems);
