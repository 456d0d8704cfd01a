namespace DetectionKit.Engine.Alerting;

/// <summary>
/// The alert windows of one scope as a state store keeps them, within one of its commits: what
/// <see cref="AlertGrouping"/> reads and writes. A store implements the storage; the grouping decides.
/// </summary>
public interface IAlertWindows
{
    /// <summary>Records that the event is counted in the window; false when the window had counted it already.</summary>
    bool TryCountEvent(string alertId, string eventKey);

    AlertWindow? Find(string alertId);

    /// <summary>Keeps a window its first match opened, with the alert that match describes.</summary>
    void Insert(AlertWindow window, Alert firstAlert);

    /// <summary>Replaces a kept window's state.</summary>
    void Update(AlertWindow window);
}
