using System.Globalization;
using System.Text.RegularExpressions;

namespace DetectionKit.Engine.Integrity;

/// <summary>
/// A digest file's key: <c>…/CloudTrail-Digest/REGION/YYYY/MM/DD/ACCOUNT_CloudTrail-Digest_REGION_TRAIL_HOMEREGION_YYYYMMDDTHHmmssZ[_backfill].json.gz</c>.
/// The <see cref="Chain"/> is the name without its time: the digests of one trail, account and region
/// (backfill digests chain apart from the hourly ones). The time in the name is the digest's end.
/// </summary>
internal sealed partial record DigestObjectKey(string Key, string Chain, bool IsBackfill, DateTimeOffset EndsAt)
{
    public static DigestObjectKey? Parse(string key)
    {
        var match = Pattern().Match(key);
        if (!match.Success || !DateTimeOffset.TryParseExact(match.Groups["stamp"].Value, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var stamp))
        {
            return null;
        }

        var backfill = match.Groups["backfill"].Success;
        return new DigestObjectKey(key, match.Groups["chain"].Value + (backfill ? " (backfill)" : string.Empty), backfill, stamp);
    }

    /// <summary>The file name alone, for messages.</summary>
    public string Name => Key[(Key.LastIndexOf('/') + 1)..];

    [GeneratedRegex(@"/CloudTrail-Digest/[a-z0-9-]+/\d{4}/\d{2}/\d{2}/(?<chain>\d{12}_CloudTrail-Digest_[a-z0-9-]+_.+_[a-z0-9-]+)_(?<stamp>\d{8}T\d{6}Z)(?<backfill>_backfill)?\.json\.gz$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
