// A logging-tampering call that failed (AccessDenied, TrailNotFoundException, a recorder that would not
// stop) harmed nothing, but shows someone trying to blind the defenders, often just before they find
// a call that works. Rules that watch such calls alert on a failure too, at low severity, with a title
// that says it was an attempt ("Failed attempt to stop CloudTrail trail prod by mallory (AccessDenied)")
// and a dedup key of its own, so a failed try and a success never merge:
//   AlertSeverity Severity(CloudTrailEvent e) => AttemptOr(e, AlertSeverity.High);
//   string Dedup(CloudTrailEvent e) => AttemptKey(e, $"{e.RecipientAccountId}:{Trail(e)}");

static AlertSeverity AttemptOr(CloudTrailEvent e, AlertSeverity severity) => e.IsSuccess ? severity : AlertSeverity.Low;

static string AttemptKey(CloudTrailEvent e, string key) => e.IsSuccess ? key : $"{key}:attempt";

// Why the attempt failed, for its title: the error code, else the error message.
static string FailureOf(CloudTrailEvent e) => e.ErrorCode ?? e.ErrorMessage ?? "failed";
