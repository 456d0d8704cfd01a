// Imported by 'detectionkit import sigma' from the Sigma rule "GuardDuty Detector Deleted Or Config Recorder Stopped" (6f0e8a61-0d5b-4c1e-9a55-1c2f5e3a7b13).
// Sigma condition: 1 of selection*
// The YAML's match block checks eventSource and eventName before the script runs.
// Sigma compares text ignoring case unless a field says |cased; e.Get(path) and the event's
// properties read a field as text (null when absent or null).

bool Rule(CloudTrailEvent e) => SelectionGuardduty(e) || SelectionConfig(e);

// selection_guardduty
static bool SelectionGuardduty(CloudTrailEvent e) =>
    string.Equals(e.EventSource, "guardduty.amazonaws.com", StringComparison.OrdinalIgnoreCase)
    && string.Equals(e.EventName, "DeleteDetector", StringComparison.OrdinalIgnoreCase);

// selection_config
static bool SelectionConfig(CloudTrailEvent e) =>
    string.Equals(e.EventSource, "config.amazonaws.com", StringComparison.OrdinalIgnoreCase)
    && (string.Equals(e.EventName, "StopConfigurationRecorder", StringComparison.OrdinalIgnoreCase) || string.Equals(e.EventName, "DeleteConfigurationRecorder", StringComparison.OrdinalIgnoreCase));
