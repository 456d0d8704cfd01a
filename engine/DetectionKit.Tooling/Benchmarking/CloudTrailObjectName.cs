using System.Globalization;

namespace DetectionKit.Tooling.Benchmarking;

/// <summary>
/// Where CloudTrail delivers an object of an organization trail:
/// <c>AWSLogs/o-ORGID/ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHMMZ_RANDOM.json.gz</c>.
/// </summary>
public static class CloudTrailObjectName
{
    /// <param name="organizationId">The organization, such as <c>o-bench00000</c>.</param>
    /// <param name="account">The 12-digit account the object is delivered for.</param>
    /// <param name="region">The region, such as <c>us-east-1</c>.</param>
    /// <param name="deliveredAt">The delivery time in the name; minutes precision, UTC.</param>
    /// <param name="random">The suffix CloudTrail makes unique per object.</param>
    /// <returns>The key, with <c>/</c> separators.</returns>
    public static string Key(string organizationId, string account, string region, DateTimeOffset deliveredAt, string random)
    {
        var at = deliveredAt.ToUniversalTime();
        var stamp = at.ToString("yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture);
        return $"AWSLogs/{organizationId}/{account}/CloudTrail/{region}/{at:yyyy}/{at:MM}/{at:dd}/{account}_CloudTrail_{region}_{stamp}_{random}.json.gz";
    }
}
