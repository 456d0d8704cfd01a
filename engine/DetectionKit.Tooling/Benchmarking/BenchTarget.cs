namespace DetectionKit.Tooling.Benchmarking;

/// <summary>
/// An issue-8 target a figure is judged against, such as <c>&gt;= 0.5</c>, and whether this run met it;
/// <see cref="Met"/> is null when the run could not judge it (the feature it needs is not there yet).
/// </summary>
public sealed record BenchTarget(string Goal, bool? Met)
{
    public static BenchTarget AtLeast(double goal, double value) => new($">= {goal:0.0#}", value >= goal);

    public static BenchTarget AtMostMegabytes(long goalMegabytes, long bytes) => new($"<= {goalMegabytes} MB", bytes <= goalMegabytes * BenchRow.Megabyte);

    public static BenchTarget AtMostSeconds(double goalSeconds, TimeSpan elapsed) => new($"<= {goalSeconds:0.#} s", elapsed.TotalSeconds <= goalSeconds);

    public static BenchTarget NotJudged(string goal) => new(goal, null);
}
