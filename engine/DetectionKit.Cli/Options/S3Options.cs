using System.CommandLine;

namespace DetectionKit.Cli.Options;

/// <summary>The options that narrow what an S3 source lists.</summary>
internal sealed class S3Options
{
    private readonly Option<string?> since = new("--since") { Description = "S3: objects delivered since this time, ISO-8601 or relative (2h, 90m, 7d). Default 24h.", HelpName = "TIME" };
    private readonly Option<string?> until = new("--until") { Description = "S3: objects delivered before this time (not at it). Default now.", HelpName = "TIME" };
    private readonly Option<string[]> accounts = new("--accounts") { Description = "S3: only these account ids (comma-separated or repeated). Default: all found.", HelpName = "IDS", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string[]> regions = new("--regions") { Description = "S3: only these regions (comma-separated or repeated). Default: all found.", HelpName = "REGIONS", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string?> endpoint = new("--endpoint-url") { Description = "S3: an S3-compatible endpoint (path-style); it serves a dynamodb:// --state too. Also AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL.", HelpName = "URL" };
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
