namespace DetectionKit.Engine.Alerting;

/// <summary>
/// Matches into alert windows: an event already counted in a window is not counted again (so replaying
/// the same events changes nothing); the first match of a window opens it, later ones add to it.
/// </summary>
public static class AlertGrouping
{
    /// <param name="matches">The matches, in the order they were found.</param>
    /// <param name="windows">The scope's windows, within the store's commit.</param>
    /// <param name="now">The time of the commit: the fired time of a window that reaches its threshold.</param>
    public static void Add(IEnumerable<AlertMatch> matches, IAlertWindows windows, DateTimeOffset now)
    {
        foreach (var match in matches)
        {
            if (!windows.TryCountEvent(match.AlertId, match.EventKey))
            {
                continue;
            }

            if (windows.Find(match.AlertId) is { } window)
            {
                windows.Update(window.Add(match, now));
            }
            else
            {
                windows.Insert(AlertWindow.Open(match, now), match.FirstAlert);
            }
        }
    }
}
