// Imported by 'detectionkit import sigma' from the Sigma rule "Console Sign-In Without MFA" (6f0e8a61-0d5b-4c1e-9a55-1c2f5e3a7b02).
// Sigma condition: all of selection_*
// The YAML's match block checks eventSource and eventName before the script runs.
// Sigma compares text ignoring case unless a field says |cased; e.Get(path) and the event's
// properties read a field as text (null when absent or null).

bool Rule(CloudTrailEvent e) => SelectionSignIn(e) && SelectionUser(e);

// selection_sign_in
static bool SelectionSignIn(CloudTrailEvent e) =>
    string.Equals(e.ResponseElement("ConsoleLogin"), "Success", StringComparison.OrdinalIgnoreCase);

// selection_user
static bool SelectionUser(CloudTrailEvent e) =>
    string.Equals(e.UserIdentity.Type, "IAMUser", StringComparison.OrdinalIgnoreCase)
    && string.Equals(e.Get("additionalEventData.MFAUsed"), "No", StringComparison.OrdinalIgnoreCase);
