using System.Globalization;

namespace DetectionKit.Tooling.Generation.Sessions;

/// <summary>The time formats that appear in CloudTrail records.</summary>
internal static class Timestamps
{
    /// <summary><c>eventTime</c> and session creation dates: ISO 8601 to the second, UTC.</summary>
    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>IAM and STS responses use the Java SDK's medium date format: <c>Aug 5, 2024, 9:12:33 AM</c>.</summary>
    public static string Java(DateTimeOffset time) => time.UtcDateTime.ToString("MMM d, yyyy, h:mm:ss tt", CultureInfo.InvariantCulture);

    /// <summary>EC2 responses record times as milliseconds since the epoch.</summary>
    public static long EpochMilliseconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds();
}
