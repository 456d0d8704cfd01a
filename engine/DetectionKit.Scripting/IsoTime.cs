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
    public static DateTimeOffset? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        // The engine reads every record's time: CloudTrail's own shape is read without the general parser.
        if (text.Length == 20 && text[19] == 'Z' && TryCloudTrailShape(text, out var time))
        {
            return time;
        }

        return Shape().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time)
            ? time
            : null;
    }

    /// <summary><c>yyyy-MM-ddTHH:mm:ssZ</c>, a real date and time of day.</summary>
    private static bool TryCloudTrailShape(string text, out DateTimeOffset time)
    {
        time = default;
        if (text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':'
            || !TryDigits(text, 0, 4, out var year) || !TryDigits(text, 5, 2, out var month) || !TryDigits(text, 8, 2, out var day)
            || !TryDigits(text, 11, 2, out var hour) || !TryDigits(text, 14, 2, out var minute) || !TryDigits(text, 17, 2, out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        time = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;
    }

    private static bool TryDigits(string text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if (digit is < 0 or > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,7})?)?(Z|[+-][0-9]{2}:[0-9]{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
