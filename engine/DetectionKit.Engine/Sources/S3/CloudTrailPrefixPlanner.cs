using Amazon.S3;
using Amazon.S3.Model;

namespace DetectionKit.Engine.Sources.S3;

/// <summary>
/// Turns a trail location, accounts and regions into the region folders to read
/// (<c>…/AWSLogs/[o-ORGID/]ACCOUNT/KIND/REGION/</c>), under which the source lists one day at a time.
/// Organisation ids, accounts and regions that are not given are discovered with delimiter listings,
/// one level at a time: the bucket is never listed whole.
/// </summary>
internal sealed class CloudTrailPrefixPlanner
{
    private static readonly string[] Kinds = ["CloudTrail", "CloudTrail-Insight", "CloudTrail-Digest"];

    private readonly IAmazonS3 client;
    private readonly S3SourceOptions options;
    private readonly S3SourceCounters counters;

    public CloudTrailPrefixPlanner(IAmazonS3 client, S3SourceOptions options, S3SourceCounters counters)
    {
        this.client = client;
        this.options = options;
        this.counters = counters;
    }

    public async Task<IReadOnlyList<string>> PlanAsync(CancellationToken cancellationToken)
    {
        var (root, fixedParts) = SplitLocation(options.Location.Prefix);
        var accountRoots = new List<string>();
        foreach (var child in await ChildrenAsync(root, fixedParts.ElementAtOrDefault(0), cancellationToken))
        {
            if (child.StartsWith("o-", StringComparison.Ordinal))
            {
                var wanted = fixedParts.Count > 1 ? [fixedParts[1]] : options.Accounts;
                var accounts = wanted.Count > 0 ? wanted : await ChildrenAsync($"{root}{child}/", null, cancellationToken);
                accountRoots.AddRange(accounts.Where(IsAccount).Select(a => $"{root}{child}/{a}/"));
            }
            else if (IsAccount(child) && (options.Accounts.Count == 0 || options.Accounts.Contains(child)))
            {
                accountRoots.Add($"{root}{child}/");
            }
        }

        var folders = new List<string>();
        foreach (var accountRoot in accountRoots)
        {
            foreach (var kind in Kinds)
            {
                var regions = options.Regions.Count > 0 ? options.Regions : await ChildrenAsync($"{accountRoot}{kind}/", null, cancellationToken);
                folders.AddRange(regions.Select(region => $"{accountRoot}{kind}/{region}/"));
            }
        }

        return folders;
    }

    /// <summary>The folder names directly under a prefix, or just <paramref name="only"/> when the location fixes it.</summary>
    private async Task<IReadOnlyList<string>> ChildrenAsync(string prefix, string? only, CancellationToken cancellationToken)
    {
        if (only is not null)
        {
            return [only];
        }

        var children = new List<string>();
        string? token = null;
        do
        {
            counters.Listed();
            var response = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = options.Location.Bucket, Prefix = prefix, Delimiter = "/", ContinuationToken = token }, cancellationToken);
            children.AddRange((response.CommonPrefixes ?? []).Select(p => p[prefix.Length..].TrimEnd('/')));
            token = response.IsTruncated == true ? response.NextContinuationToken : null;
        }
        while (token is not null);
        return children;
    }

    /// <summary>
    /// The <c>AWSLogs/</c> folder under the trail prefix, and any organisation or account the location
    /// already names after it (<c>s3://bucket/AWSLogs/o-abc/111122223333/</c>).
    /// </summary>
    private static (string Root, IReadOnlyList<string> FixedParts) SplitLocation(string prefix)
    {
        var at = prefix.IndexOf("AWSLogs/", StringComparison.Ordinal);
        if (at < 0)
        {
            var trail = prefix.Length == 0 || prefix.EndsWith('/') ? prefix : prefix + "/";
            return (trail + "AWSLogs/", []);
        }

        var root = prefix[..(at + "AWSLogs/".Length)];
        var parts = prefix[root.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries).Take(2).ToList();
        if (parts.Count > 0 && !parts[0].StartsWith("o-", StringComparison.Ordinal))
        {
            parts = [parts[0]];
        }

        return (root, parts);
    }

    private static bool IsAccount(string name) => name.Length == 12 && name.All(char.IsAsciiDigit);
}
