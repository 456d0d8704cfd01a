using DetectionKit.Engine.Running;
using DetectionKit.Engine.Scheduling;
using DetectionKit.Engine.Sources;
using DetectionKit.Engine.Sources.S3;

namespace DetectionKit.Cli.Options;

/// <summary>The S3 options of one <c>run</c> or <c>hunt</c>, as given.</summary>
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

    /// <summary>What is wrong with the range, the names or an <c>s3://</c> location among <paramref name="sources"/>, as a usage error; null when nothing is.</summary>
    public string? Problem(IReadOnlyList<string> sources)
    {
        if (!TryResolveRange(DateTimeOffset.UtcNow, out _, out _, out var rangeError))
        {
            return rangeError;
        }

        if (!TryValidateNames(out var nameError))
        {
            return nameError;
        }

        foreach (var source in sources.Where(S3Uri.IsS3))
        {
            if (!S3Uri.TryParse(source, out var uri))
            {
                return $"'{source}' is not an S3 location; use s3://BUCKET[/PREFIX]";
            }

            if (!CloudTrailLocation.TryParse(uri, out _, out var locationError))
            {
                return $"--source {locationError}";
            }
        }

        return null;
    }

    /// <summary>Opens the locations as one source: files and stdin with <paramref name="limits"/>, each bucket over the range, accounts and regions asked for.</summary>
    public RunSources? Open(IReadOnlyList<string> locations, DateTimeOffset now, Func<Stream> openStandardInput, ReadLimits limits, out string error)
    {
        return RunSources.Open(
            locations,
            bucket => BucketOptions(bucket, now, limits),
            EndpointUrl,
            openStandardInput,
            out error,
            limits);
    }

    /// <summary>How a bucket is read over the range, accounts and regions asked for.</summary>
    public S3SourceOptions BucketOptions(S3Uri bucket, DateTimeOffset now, ReadLimits limits)
    {
        TryResolveRange(now, out var since, out var until, out _);
        return new S3SourceOptions { Location = bucket, Since = since, Until = until, Accounts = Accounts, Regions = Regions, Parallelism = Parallelism, Limits = limits };
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
