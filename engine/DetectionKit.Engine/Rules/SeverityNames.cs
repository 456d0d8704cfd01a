using DetectionKit.Scripting;
namespace DetectionKit.Engine.Rules;

public static class SeverityNames
{
    public static string ToName(this AlertSeverity severity) => severity.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out AlertSeverity severity)
    {
        severity = default;
        return text is not null
            && !int.TryParse(text, out _)
            && Enum.TryParse(text, ignoreCase: true, out severity)
            && Enum.IsDefined(severity);
    }
}
