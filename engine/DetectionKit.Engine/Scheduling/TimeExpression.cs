using System.Globalization;
using System.Text.RegularExpressions;

namespace DetectionKit.Engine.Scheduling;

/// <summary>Durations such as <c>15m</c>, <c>2h</c>, <c>7d</c>, <c>1w</c>, and instants given as ISO-8601 or as a duration before now.</summary>
public static partial class TimeExpression
{
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        var match = DurationPattern().Match(text.Trim());
        if (!match.Success || !int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        long unit = match.Groups[2].Value switch
        {
            "s" => 1,
            "m" => 60,
            "h" => 3600,
            "d" => 86400,
            _ => 7 * 86400,
        };
        if (amount * unit > TimeSpan.MaxValue.Ticks / TimeSpan.TicksPerSecond)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(amount * unit);
        return true;
    }

    /// <summary><c>2h</c> means two hours before <paramref name="now"/>; otherwise an ISO-8601 time (UTC unless it says otherwise).</summary>
    public static bool TryParseInstant(string text, DateTimeOffset now, out DateTimeOffset instant)
    {
        if (TryParseDuration(text, out var ago))
        {
            // A duration reaching back before year 1 names no instant.
            var fits = now.UtcTicks - DateTimeOffset.MinValue.UtcTicks >= ago.Ticks;
            instant = fits ? now - ago : default;
            return fits;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);
    }

    [GeneratedRegex(@"^([0-9]+)\s*(s|m|h|d|w)$")]
    private static partial Regex DurationPattern();
}
