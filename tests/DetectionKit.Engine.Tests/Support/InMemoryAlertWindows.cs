using DetectionKit.Engine.Alerting;

namespace DetectionKit.Engine.Tests.Support;

/// <summary>Alert windows kept in dictionaries: the storage side of grouping with no database behind it.</summary>
internal sealed class InMemoryAlertWindows : IAlertWindows
{
    private readonly HashSet<(string AlertId, string EventKey)> counted = [];

    public Dictionary<string, AlertWindow> Windows { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Alert> FirstAlerts { get; } = new(StringComparer.Ordinal);

    public bool TryCountEvent(string alertId, string eventKey) => counted.Add((alertId, eventKey));

    public AlertWindow? Find(string alertId) => Windows.GetValueOrDefault(alertId);

    public void Insert(AlertWindow window, Alert firstAlert)
    {
        Windows.Add(window.AlertId, window);
        FirstAlerts.Add(window.AlertId, firstAlert);
    }

    public void Update(AlertWindow window)
    {
        if (!Windows.ContainsKey(window.AlertId))
        {
            throw new InvalidOperationException($"window {window.AlertId} was updated before it was inserted");
        }

        Windows[window.AlertId] = window;
    }
}
