using System.Globalization;
using System.Text.RegularExpressions;

namespace DetectionKit.Scripting;

/// <summary>
/// Reads the ISO-8601 times CloudTrail writes (<c>2024-08-05T10:00:00Z</c>, with or without fractions
/// of a second or an offset) and nothing else: a culture's format such as <c>05/08/2024 10:00</c> is
/// not read as some day of May or August, and a number is not read as a time.
/// </summary>
internal static partial class IsoTime
{
    /// <summary>The time, in UTC (a time without an offset is taken as UTC); null when the text is not an ISO-8601 time.</summary>
    public static DateTimeOffset? Parse(string? text) =>
        text is not null && Shape().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,7})?)?(Z|[+-][0-9]{2}:[0-9]{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
