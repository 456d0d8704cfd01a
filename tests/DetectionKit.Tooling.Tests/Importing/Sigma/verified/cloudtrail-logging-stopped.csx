// Imported by 'detectionkit import sigma' from the Sigma rule "CloudTrail Logging Stopped Or Trail Deleted" (6f0e8a61-0d5b-4c1e-9a55-1c2f5e3a7b01).
// Sigma condition: selection
// The YAML's match block checks eventSource and eventName before the script runs.
// Sigma compares text ignoring case unless a field says |cased; e.Get(path) and the event's
// properties read a field as text (null when absent or null).

bool Rule(CloudTrailEvent e) => true;
