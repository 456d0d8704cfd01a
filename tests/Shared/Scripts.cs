namespace DetectionKit.Tests.Shared;

/// <summary>Rule scripts several tests share.</summary>
internal static class Scripts
{
    /// <summary>Matches successful calls: the positive default case, not the negative one.</summary>
    public const string MatchesSuccess = "bool Rule(CloudTrailEvent e) => e.IsSuccess;\n";

    public const string MatchesEverything = "bool Rule(CloudTrailEvent e) => true;\n";
}
