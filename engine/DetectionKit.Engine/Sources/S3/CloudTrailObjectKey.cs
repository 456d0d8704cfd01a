using System.Globalization;
using System.Text.RegularExpressions;

namespace DetectionKit.Engine.Sources.S3;

/// <summary>
/// A key in CloudTrail's delivery layout:
/// <c>[prefix/]AWSLogs/[o-ORGID/]ACCOUNT/CloudTrail[-Insight|-Digest]/REGION/YYYY/MM/DD/ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHMMZ_RANDOM.json.gz</c>
/// (digest files: <c>ACCOUNT_CloudTrail-Digest_REGION_TRAIL_HOMEREGION_YYYYMMDDTHHMMSSZ.json.gz</c>).
/// </summary>
public sealed partial record CloudTrailObjectKey(string? OrganizationId, string Account, string Kind, string Region, DateTimeOffset DeliveredAt)
{
    private static readonly string[] StampFormats = ["yyyyMMdd'T'HHmm'Z'", "yyyyMMdd'T'HHmmss'Z'"];

    public bool IsDigest => Kind == "CloudTrail-Digest";

    /// <summary>Parses a key; null when it is not a CloudTrail log, Insights or digest object, or its time stamp is not a real time.</summary>
    public static CloudTrailObjectKey? Parse(string key)
    {
        var match = KeyPattern().Match(key);
        // The pattern admits stamps such as T2460Z; such a key is some other object, not a reason to stop listing.
        if (!match.Success || !DateTimeOffset.TryParseExact(match.Groups["stamp"].Value, StampFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var stamp))
        {
            return null;
        }

        var org = match.Groups["org"].Success ? match.Groups["org"].Value : null;
        return new CloudTrailObjectKey(org, match.Groups["account"].Value, match.Groups["kind"].Value, match.Groups["region"].Value, stamp);
    }

    [GeneratedRegex(@"(?:^|/)AWSLogs/(?:(?<org>o-[a-z0-9]+)/)?(?<account>\d{12})/(?<kind>CloudTrail(?:-Insight|-Digest)?)/(?<region>[a-z0-9-]+)/\d{4}/\d{2}/\d{2}/\d{12}_(?:CloudTrail(?:-Insight)?_[a-z0-9-]+|CloudTrail-Digest_[a-z0-9-]+_[A-Za-z0-9._-]+_[a-z0-9-]+)_(?<stamp>\d{8}T\d{4}(?:\d{2})?Z)(?:_[A-Za-z0-9]+)?\.json(?:\.gz)?$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
