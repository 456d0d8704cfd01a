using DetectionKit.Scripting;

namespace DetectionKit.Engine.Rules;

/// <summary>
/// The declarative prefilter of a rule: the script only sees events whose source and name are listed.
/// An empty list means "any".
/// </summary>
public sealed record EventMatch(IReadOnlyList<string> EventSources, IReadOnlyList<string> EventNames)
{
    public static EventMatch Any { get; } = new([], []);

    public bool IsAny => EventSources.Count == 0 && EventNames.Count == 0;

    public bool Matches(CloudTrailEvent e) =>
        (EventSources.Count == 0 || Contains(EventSources, e.EventSource))
        && (EventNames.Count == 0 || Contains(EventNames, e.EventName));

    private static bool Contains(IReadOnlyList<string> values, string? value)
    {
        if (value is null)
        {
            return false;
        }

        // Indexed: a foreach over the list interface would allocate an enumerator per call.
        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
