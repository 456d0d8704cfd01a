namespace DetectionKit.Engine.Coverage;

/// <summary>
/// One Stratus Red Team capture replayed through the enabled rules: the technique
/// (<c>aws.defense-evasion.cloudtrail-stop</c>, from the file name), its tactic, and the rules that
/// raised at least one detection on it.
/// </summary>
public sealed record StratusTechnique(string Id, string Tactic, string File, int Events, IReadOnlyList<string> RuleIds, int Detections)
{
    public bool Caught => RuleIds.Count > 0;
}
