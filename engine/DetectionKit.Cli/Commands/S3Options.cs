using System.CommandLine;
using DetectionKit.Engine.Scheduling;
using DetectionKit.Engine.Sources.S3;

namespace DetectionKit.Cli.Commands;

/// <summary>The options that narrow what an S3 source lists.</summary>
internal sealed class S3Options
{
    private readonly Option<string?> since = new("--since") { Description = "S3: objects delivered since this time, ISO-8601 or relative (2h, 90m, 7d). Default 24h.", HelpName = "TIME" };
    private readonly Option<string?> until = new("--until") { Description = "S3: objects delivered before this time (not at it). Default now.", HelpName = "TIME" };
    private readonly Option<string[]> accounts = new("--accounts") { Description = "S3: only these account ids (comma-separated or repeated). Default: all found.", HelpName = "IDS", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string[]> regions = new("--regions") { Description = "S3: only these regions (comma-separated or repeated). Default: all found.", HelpName = "REGIONS", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string?> endpoint = new("--endpoint-url") { Description = "S3: an S3-compatible endpoint (path-style). Also AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL.", HelpName = "URL" };
    private readonly Option<int> parallelism = new("--parallelism") { Description = "S3: objects downloaded at once.", DefaultValueFactory = _ => 8 };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { since, until, accounts, regions, endpoint, parallelism })
        {
            command.Options.Add(option);
        }
    }

    public S3Request Read(ParseResult parse) => new(
        parse.GetValue(since),
        parse.GetValue(until),
        Split(parse.GetValue(accounts)),
        Split(parse.GetValue(regions)),
        parse.GetValue(endpoint),
        Math.Max(1, parse.GetValue(parallelism)));

    private static IReadOnlyList<string> Split(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
}

internal sealed record S3Request(string? Since, string? Until, IReadOnlyList<string> Accounts, IReadOnlyList<string> Regions, string? EndpointUrl, int Parallelism)
{
    public bool NarrowsListing => Since is not null || Until is not null || Accounts.Count > 0 || Regions.Count > 0;

    /// <summary>Account ids and region names as CloudTrail writes them in keys; anything else would silently match nothing.</summary>
    public bool TryValidateNames(out string error)
    {
        error = string.Empty;
        if (Accounts.FirstOrDefault(a => !CloudTrailLocation.IsAccountId(a)) is { } account)
        {
            var digits = account.Replace("-", string.Empty, StringComparison.Ordinal);
            error = $"--accounts '{account}' is not a 12-digit account id" + (CloudTrailLocation.IsAccountId(digits) ? $" (write it as {digits})" : string.Empty);
        }
        else if (Regions.FirstOrDefault(r => !CloudTrailLocation.IsRegion(r)) is { } region)
        {
            error = $"--regions '{region}' is not a region name such as us-east-1";
        }

        return error.Length == 0;
    }

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
