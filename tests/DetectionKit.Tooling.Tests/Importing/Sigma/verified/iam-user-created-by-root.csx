// Imported by 'detectionkit import sigma' from the Sigma rule "IAM User Created By The Root User" (6f0e8a61-0d5b-4c1e-9a55-1c2f5e3a7b12).
// Sigma condition: all of them
// The YAML's match block checks eventSource and eventName before the script runs.
// Sigma compares text ignoring case unless a field says |cased; e.Get(path) and the event's
// properties read a field as text (null when absent or null).

bool Rule(CloudTrailEvent e) => SelectionRoot(e);

// selection_root
static bool SelectionRoot(CloudTrailEvent e) => string.Equals(e.UserIdentity.Type, "Root", StringComparison.OrdinalIgnoreCase);
