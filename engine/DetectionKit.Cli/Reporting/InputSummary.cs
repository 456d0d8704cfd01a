using DetectionKit.Engine.Running;

namespace DetectionKit.Cli.Reporting;

/// <summary>The part of a summary line that counts what was read but not evaluated: empty and unreadable inputs, records by kind.</summary>
internal static class InputSummary
{
    /// <summary><c>empty inputs: 1, unreadable inputs: 0, records not evaluated: 3 (not CloudTrail 1, undated 1, bad eventTime 1)</c>; the kinds only when some were not evaluated.</summary>
    public static string Text(InputCounts counts, string separator = ": ")
    {
        var kinds = counts.NotEvaluated == 0
            ? string.Empty
            : $" (not CloudTrail {counts.NotCloudTrail}, undated {counts.Undated}, bad eventTime {counts.BadEventTime})";
        return $"empty inputs{separator}{counts.Empty}, unreadable inputs{separator}{counts.Unreadable}, records not evaluated{separator}{counts.NotEvaluated}{kinds}";
    }
}
