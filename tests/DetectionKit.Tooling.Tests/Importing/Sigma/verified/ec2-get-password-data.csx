// Imported by 'detectionkit import sigma' from the Sigma rule "EC2 Windows Password Data Requested" (6f0e8a61-0d5b-4c1e-9a55-1c2f5e3a7b03).
// Sigma condition: selection and (granted or denied)
// The YAML's match block checks eventSource and eventName before the script runs.
// Sigma compares text ignoring case unless a field says |cased; e.Get(path) and the event's
// properties read a field as text (null when absent or null).

bool Rule(CloudTrailEvent e) => Granted(e) || Denied(e);

// granted
static bool Granted(CloudTrailEvent e) => e.ErrorCode is null;

// denied
static bool Denied(CloudTrailEvent e) =>
    e.ErrorCode?.StartsWith("Client.Unauthorized", StringComparison.OrdinalIgnoreCase) == true;
