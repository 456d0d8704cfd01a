#load "../../_lib/attempts.csx"
#load "../../_lib/dedup-keys.csx"

// UpdateDetector with enable=false suspends the detector: findings stop until it is re-enabled.
bool IsSuspension(CloudTrailEvent e) => e.EventName == "UpdateDetector";

// A failed deletion or suspension alerts low as an attempt.
bool Rule(CloudTrailEvent e) => !IsSuspension(e) || e.RequestParameter("enable") == "false";

AlertSeverity Severity(CloudTrailEvent e) => AttemptOr(e, AlertSeverity.High);

string Title(CloudTrailEvent e) => e.IsSuccess
    ? $"GuardDuty detector {e.RequestParameter("detectorId")} {(IsSuspension(e) ? "suspended" : "deleted")} in {e.AwsRegion} by {e.ActorName}"
    : $"Failed attempt to {(IsSuspension(e) ? "suspend" : "delete")} GuardDuty detector {e.RequestParameter("detectorId")} in {e.AwsRegion} by {e.ActorName} ({FailureOf(e)})";

// GuardDuty is regional: one detector per account and region.
string Dedup(CloudTrailEvent e) => AttemptKey(e, RegionalKey(e));

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    detectorId = e.RequestParameter("detectorId"),
    action = e.EventName,
    error = e.ErrorCode,
});
