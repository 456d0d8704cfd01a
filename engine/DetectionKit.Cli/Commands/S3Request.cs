using DetectionKit.Engine.Scheduling;

namespace DetectionKit.Cli.Commands;

/// <summary>The S3 options of one <c>run</c>, as given.</summary>
internal sealed record S3Request(string? Since, string? Until, IReadOnlyList<string> Accounts, IReadOnlyList<string> Regions, string? EndpointUrl, int Parallelism)
{
    public bool NarrowsListing => Since is not null || Until is not null || Accounts.Count > 0 || Regions.Count > 0;

    public bool TryResolveRange(DateTimeOffset now, out DateTimeOffset from, out DateTimeOffset to, out string error)
    {
        error = string.Empty;
        from = now - TimeSpan.FromHours(24);
        to = now;
        if (Since is not null && !TimeExpression.TryParseInstant(Since, now, out from))
        {
            error = $"--since '{Since}' is neither an ISO-8601 time nor a duration such as 2h";
            return false;
        }

        if (Until is not null && !TimeExpression.TryParseInstant(Until, now, out to))
        {
            error = $"--until '{Until}' is neither an ISO-8601 time nor a duration such as 2h";
            return false;
        }

        if (from > to)
        {
            error = $"--since ({from:O}) is after --until ({to:O})";
            return false;
        }

        return true;
    }
}
