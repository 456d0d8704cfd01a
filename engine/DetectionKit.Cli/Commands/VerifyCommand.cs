using System.CommandLine;
using DetectionKit.Cli.Hosting;
using DetectionKit.Cli.Options;
using DetectionKit.Cli.Reporting;
using DetectionKit.Engine.Sources.S3;

namespace DetectionKit.Cli.Commands;

/// <summary>
/// <c>verify</c>: checks a trail bucket's log files against CloudTrail's digest files (signatures,
/// digest chains, SHA-256 of each log file, files no digest lists) and prints one line per problem,
/// then the counts; exit 1 when anything failed verification.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(CliContext context)
    {
        var location = new Argument<string>("location") { Description = "The trail location: s3://BUCKET[/PREFIX], down to AWSLogs/[o-ORGID/]ACCOUNT at most.", HelpName = "s3://BUCKET[/PREFIX]" };
        var keys = new Option<string[]>("--public-keys") { Description = "CloudTrail's public keys: the output of 'aws cloudtrail list-public-keys --region REGION --start-time ... --end-time ...' saved to a file; one per region the trail logs (repeatable).", HelpName = "FILE", Required = true, AllowMultipleArgumentsPerToken = true };
        var format = new Option<string>("--format") { Description = "text (one line per problem, then the counts) or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var s3 = new S3Options();
        var command = new Command("verify", "Verify a trail bucket's log files with CloudTrail's digest files: missing, changed and added log files, bad or unknown signatures, breaks in the digest chain.") { location, keys, format };
        s3.AddTo(command);
        command.SetAction((parse, cancel) => ExecuteAsync(context, parse.GetValue(location)!, parse.GetValue(keys)!, parse.GetValue(format)!, s3.Read(parse), cancel));
        return command;
    }

    private static async Task<int> ExecuteAsync(CliContext context, string location, string[] keysFiles, string format, S3Request s3, CancellationToken cancellationToken)
    {
        if (Problem(location, s3, out var uri) is { } usage)
        {
            context.Error.WriteLine($"error: {usage}");
            return ExitCodes.Usage;
        }

        if (DigestVerification.LoadKeys(context, keysFiles) is not { } keys)
        {
            return ExitCodes.Usage;
        }

        s3.TryResolveRange(DateTimeOffset.UtcNow, out var since, out var until, out _);
        var options = new S3SourceOptions { Location = uri, Since = since, Until = until, Accounts = s3.Accounts, Regions = s3.Regions, Parallelism = s3.Parallelism };
        var reports = await DigestVerification.VerifyAsync([options], s3.EndpointUrl, keys, cancellationToken);
        if (format == "json")
        {
            context.Out.WriteLine(IntegrityJson.Render(reports));
        }
        else
        {
            var formatter = new DiagnosticFormatter(DiagnosticStyle.Text);
            foreach (var report in reports)
            {
                foreach (var finding in report.Findings)
                {
                    context.Out.WriteLine(formatter.Format(finding.ToDiagnostic()));
                }

                context.Out.WriteLine($"{report.Location} from {report.Since.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss}Z to {report.Until.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss}Z: {(report.Passed ? "verified" : "FAILED")}; {IntegritySummary.Text(report.Counts)}");
            }
        }

        return reports.All(r => r.Passed) ? ExitCodes.Success : ExitCodes.Failures;
    }

    private static string? Problem(string location, S3Request s3, out S3Uri uri)
    {
        if (!S3Uri.TryParse(location, out uri))
        {
            return $"'{location}' is not an S3 location; use s3://BUCKET[/PREFIX]";
        }

        if (!CloudTrailLocation.TryParse(uri, out var parsed, out var locationError))
        {
            return locationError;
        }

        if (parsed.Kind is not null)
        {
            return $"{location}: names the {parsed.Kind} folder; verify reads both the CloudTrail and the CloudTrail-Digest folders: give the location down to the account at most (s3://{uri.Bucket}/{parsed.Root}{(parsed.OrganizationId is null ? string.Empty : parsed.OrganizationId + "/")}{parsed.Account}/)";
        }

        if (!s3.TryResolveRange(DateTimeOffset.UtcNow, out _, out _, out var rangeError))
        {
            return rangeError;
        }

        return s3.TryValidateNames(out var nameError) ? null : nameError;
    }
}
