// Imported by 'detectionkit import sigma' from the Sigma rule "Console Password Created For Another IAM User" (6f0e8a61-0d5b-4c1e-9a55-1c2f5e3a7b04).
// Sigma condition: selection and not 1 of filter_*
// The YAML's match block checks eventSource and eventName before the script runs.
// Sigma compares text ignoring case unless a field says |cased; e.Get(path) and the event's
// properties read a field as text (null when absent or null).

bool Rule(CloudTrailEvent e) => Selection(e) && !(FilterSelf(e) || FilterFailed(e));

// selection
static bool Selection(CloudTrailEvent e) => e.Has("requestParameters.userName");

// filter_self
static bool FilterSelf(CloudTrailEvent e) =>
    e.UserIdentity.UserName is not null && string.Equals(e.UserIdentity.UserName, e.RequestParameter("userName"), StringComparison.OrdinalIgnoreCase);

// filter_failed
static bool FilterFailed(CloudTrailEvent e) => e.Has("errorCode");
