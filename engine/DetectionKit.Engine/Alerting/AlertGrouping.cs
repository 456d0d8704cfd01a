namespace DetectionKit.Engine.Alerting;

/// <summary>
/// Matches into alert windows: an event already counted in a window is not counted again (so replaying
/// the same events changes nothing); the first match of a window opens it, later ones add to it. Each
/// window a commit touches is read and written once, however many of its matches the commit brings.
/// </summary>
public static class AlertGrouping
{
    /// <param name="matches">The matches, in the order they were found.</param>
    /// <param name="windows">The scope's windows, within the store's commit.</param>
    /// <param name="now">The time of the commit: the fired time of a window that reaches its threshold.</param>
    public static void Add(IEnumerable<AlertMatch> matches, IAlertWindows windows, DateTimeOffset now)
    {
        var touched = new Dictionary<string, Touched>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var match in matches)
        {
            if (!windows.TryCountEvent(match.AlertId, match.EventKey))
            {
                continue;
            }

            if (touched.TryGetValue(match.AlertId, out var entry))
            {
                entry.Window = entry.Window.Add(match, now);
            }
            else
            {
                var kept = windows.Find(match.AlertId);
                touched[match.AlertId] = kept is null ? new Touched(AlertWindow.Open(match, now), match.FirstAlert) : new Touched(kept.Add(match, now), null);
                order.Add(match.AlertId);
            }
        }

        foreach (var id in order)
        {
            var entry = touched[id];
            if (entry.Opens is { } firstAlert)
            {
                windows.Insert(entry.Window, firstAlert);
            }
            else
            {
                windows.Update(entry.Window);
            }
        }
    }

    /// <summary>A window as the commit leaves it; <see cref="Opens"/> holds the first alert of a window this commit opened.</summary>
    private sealed class Touched(AlertWindow window, Alert? opens)
    {
        public AlertWindow Window { get; set; } = window;

        public Alert? Opens { get; } = opens;
    }
}
