using Amazon.S3;
using Amazon.S3.Model;

namespace DetectionKit.Engine.Sources.S3;

/// <summary>
/// Turns a trail location, accounts and regions into the region folders to read
/// (<c>…/AWSLogs/[o-ORGID/]ACCOUNT/KIND/REGION/</c>), under which the source lists one day at a time.
/// What the location names is fixed; organisation ids, accounts and regions it does not name are
/// taken from the options or discovered with delimiter listings, one level at a time: the bucket is
/// never listed whole. A plan with no folders says why, so an empty read is never silent.
/// </summary>
internal sealed class CloudTrailPrefixPlanner
{
    // Digest folders are listed too, only so that the summary can count the digests passed over.
    private static readonly string[] Kinds = [.. CloudTrailLocation.ReadableKinds, "CloudTrail-Digest"];

    private readonly IAmazonS3 client;
    private readonly S3SourceOptions options;
    private readonly S3SourceCounters counters;

    public CloudTrailPrefixPlanner(IAmazonS3 client, S3SourceOptions options, S3SourceCounters counters)
    {
        this.client = client;
        this.options = options;
        this.counters = counters;
    }

    public async Task<Plan> PlanAsync(CloudTrailLocation location, CancellationToken cancellationToken)
    {
        var found = await AccountFoldersAsync(location, cancellationToken);
        if (found.Count == 0)
        {
            var hint = location.Uri.Prefix.Length == 0 ? "does the trail write under a key prefix?" : $"is '{location.Uri.Prefix}' the trail's key prefix?";
            return Plan.Nothing(location.NamesLogsFolder ? $"no account folders under {location.Uri}" : $"no AWSLogs/<account>/ folders under {location.Uri}: {hint}");
        }

        var accounts = options.Accounts.Count == 0 ? found : found.Where(a => options.Accounts.Contains(a.Account)).ToList();
        if (accounts.Count == 0)
        {
            return Plan.Nothing($"none of the accounts asked for ({string.Join(", ", options.Accounts)}) has a folder under {location.Uri}");
        }

        var folders = new List<string>();
        foreach (var (_, accountFolder) in accounts)
        {
            foreach (var kind in location.Kind is { } fixedKind ? [fixedKind] : Kinds)
            {
                var regions = location.Region is { } fixedRegion ? [fixedRegion]
                    : options.Regions.Count > 0 ? options.Regions
                    : await ChildrenAsync($"{accountFolder}{kind}/", cancellationToken);
                folders.AddRange(regions.Where(r => options.Regions.Count == 0 || options.Regions.Contains(r)).Select(region => $"{accountFolder}{kind}/{region}/"));
            }
        }

        return folders.Count > 0
            ? new Plan(folders, null)
            : Plan.Nothing($"no {string.Join(" or ", location.Kind is null ? CloudTrailLocation.ReadableKinds : [location.Kind])} region folders{(options.Regions.Count > 0 ? $" for {string.Join(", ", options.Regions)}" : string.Empty)} under the account folders of {location.Uri}");
    }

    /// <summary>The account folders the location names or holds, organisation trails and single-account trails alike.</summary>
    private async Task<IReadOnlyList<(string Account, string Folder)>> AccountFoldersAsync(CloudTrailLocation location, CancellationToken cancellationToken)
    {
        if (location.OrganizationId is { } organization)
        {
            return await OrganizationAccountsAsync($"{location.Root}{organization}/", location.Account, cancellationToken);
        }

        if (location.Account is { } account)
        {
            return [(account, $"{location.Root}{account}/")];
        }

        var folders = new List<(string, string)>();
        foreach (var child in await ChildrenAsync(location.Root, cancellationToken))
        {
            if (CloudTrailLocation.IsOrganizationId(child))
            {
                folders.AddRange(await OrganizationAccountsAsync($"{location.Root}{child}/", null, cancellationToken));
            }
            else if (CloudTrailLocation.IsAccountId(child))
            {
                folders.Add((child, $"{location.Root}{child}/"));
            }
        }

        return folders;
    }

    private async Task<IReadOnlyList<(string Account, string Folder)>> OrganizationAccountsAsync(string organizationFolder, string? account, CancellationToken cancellationToken)
    {
        // Accounts asked for are not looked up: an organisation can hold thousands.
        var accounts = account is not null ? [account]
            : options.Accounts.Count > 0 ? options.Accounts
            : (await ChildrenAsync(organizationFolder, cancellationToken)).Where(CloudTrailLocation.IsAccountId).ToList();
        return accounts.Select(a => (a, $"{organizationFolder}{a}/")).ToList();
    }

    /// <summary>The folder names directly under a prefix.</summary>
    private async Task<IReadOnlyList<string>> ChildrenAsync(string prefix, CancellationToken cancellationToken)
    {
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

    /// <summary>The region folders to read, or, when there are none, why (a warning for the user).</summary>
    public sealed record Plan(IReadOnlyList<string> Folders, string? Warning)
    {
        public static Plan Nothing(string why) => new([], why);
    }
}
