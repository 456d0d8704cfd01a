#load "../../_lib/dedup-keys.csx"

// UpdateDetector with enable=false suspends the detector: findings stop until it is re-enabled.
bool IsSuspension(CloudTrailEvent e) => e.EventName == "UpdateDetector";

bool Rule(CloudTrailEvent e) =>
    e.IsSuccess && (!IsSuspension(e) || e.RequestParameter("enable") == "false");

string Title(CloudTrailEvent e) =>
    $"GuardDuty detector {e.RequestParameter("detectorId")} {(IsSuspension(e) ? "suspended" : "deleted")} in {e.AwsRegion} by {e.ActorName}";

// GuardDuty is regional: one detector per account and region.
string Dedup(CloudTrailEvent e) => RegionalKey(e);

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    detectorId = e.RequestParameter("detectorId"),
    action = e.EventName,
});
