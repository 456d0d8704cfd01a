using System.Text.RegularExpressions;
using Amazon.S3;
using Amazon.S3.Model;
using DetectionKit.Engine.Sources.S3;

namespace DetectionKit.Engine.Integrity;

/// <summary>
/// Verifies a trail location's log files against CloudTrail's digest files, one account and region at
/// a time: every digest delivered in the range (and up to an hour after it, where the last log files
/// of the range are listed; backfill digests included) is checked against its signature and the
/// public key of its fingerprint, each chain of digests link by link, every log file a digest lists
/// against its SHA-256, and every log file delivered in the range against the digests that should list
/// it. The folders come from the same planner S3 sources use; objects are fetched with bounded
/// parallelism and log files hashed as they stream. Evaluate, then report: the result is an
/// <see cref="IntegrityReport"/>, printed by the caller.
/// </summary>
public sealed partial class IntegrityVerifier
{
    /// <summary>CloudTrail delivers a digest about an hour after the log files it lists.</summary>
    private static readonly TimeSpan DigestDelay = TimeSpan.FromHours(1);

    private readonly IAmazonS3 client;
    private readonly S3SourceOptions options;
    private readonly PublicKeySet keys;
    private readonly TimeProvider clock;
    private readonly IntegrityObjects objects;

    /// <param name="client">The S3 client.</param>
    /// <param name="options">The location, range, accounts, regions, parallelism and read limits, as an S3 source takes them.</param>
    /// <param name="keys">CloudTrail's public keys.</param>
    /// <param name="clock">Now, to tell log files whose digest may still come from those whose digest is gone.</param>
    public IntegrityVerifier(IAmazonS3 client, S3SourceOptions options, PublicKeySet keys, TimeProvider? clock = null)
    {
        this.client = client;
        this.options = options;
        this.keys = keys;
        this.clock = clock ?? TimeProvider.System;
        objects = new IntegrityObjects(client, options.Limits);
    }

    public async Task<IntegrityReport> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var origin = options.Location.ToString();
        var tally = new IntegrityTally();
        if (!CloudTrailLocation.TryParse(options.Location, out var location, out var invalid) || location.Kind is not null)
        {
            tally.Add(IntegrityFindingKind.Unchecked, origin, location is null ? invalid : "names a CloudTrail folder; verify reads both CloudTrail and CloudTrail-Digest folders: give the location down to the account at most");
            return tally.Report(options);
        }

        CloudTrailPrefixPlanner.Plan plan;
        try
        {
            plan = await new CloudTrailPrefixPlanner(client, options, new S3SourceCounters()).PlanAsync(location, cancellationToken);
        }
        catch (Exception ex) when (S3ObjectFetch.IsReadFailure(ex, cancellationToken))
        {
            tally.Add(IntegrityFindingKind.Unchecked, origin, $"cannot list the bucket: {S3ObjectFetch.Describe(ex)}");
            return tally.Report(options);
        }

        foreach (var (accountFolder, region) in RegionsOf(plan.Folders))
        {
            await new FolderVerification(this, tally, accountFolder, region).RunAsync(cancellationToken);
        }

        // Even beside the log files it leaves uncovered: no digest at all most often means validation is off.
        if (tally.Digests == 0 && !tally.Has(IntegrityFindingKind.Unchecked))
        {
            tally.Add(IntegrityFindingKind.NoDigests, origin, $"no digest files between {options.Since:yyyy-MM-dd HH:mm}Z and {options.Until.Add(DigestDelay):yyyy-MM-dd HH:mm}Z{(plan.Warning is null ? string.Empty : $" ({plan.Warning})")}: is log file validation on for the trail (aws cloudtrail get-trail-status, LogFileValidationEnabled in describe-trails)?");
        }

        return tally.Report(options);
    }

    /// <summary>The account folders and regions the planned folders name, whatever their kind, in a stable order.</summary>
    private static IEnumerable<(string AccountFolder, string Region)> RegionsOf(IReadOnlyList<string> folders) =>
        folders.Select(f => FolderPattern().Match(f)).Where(m => m.Success)
            .Select(m => (m.Groups["account"].Value, m.Groups["region"].Value))
            .Distinct().OrderBy(p => p.Item1, StringComparer.Ordinal).ThenBy(p => p.Item2, StringComparer.Ordinal);

    [GeneratedRegex(@"^(?<account>.*/)(?:CloudTrail|CloudTrail-Insight|CloudTrail-Digest)/(?<region>[^/]+)/$", RegexOptions.CultureInvariant)]
    private static partial Regex FolderPattern();

    /// <summary>The keys under a folder on each UTC day of [from, to].</summary>
    private async Task<List<string>> ListAsync(string folder, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        for (var day = from.UtcDateTime.Date; day <= to.UtcDateTime.Date; day = day.AddDays(1))
        {
            string? token = null;
            do
            {
                var response = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = options.Location.Bucket, Prefix = $"{folder}{day:yyyy}/{day:MM}/{day:dd}/", ContinuationToken = token }, cancellationToken);
                keys.AddRange((response.S3Objects ?? []).Select(o => o.Key));
                token = response.IsTruncated == true ? response.NextContinuationToken : null;
            }
            while (token is not null);
        }

        return keys;
    }
}
