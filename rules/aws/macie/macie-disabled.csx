#load "../../_lib/dedup-keys.csx"

bool IsPause(CloudTrailEvent e) => e.EventName == "UpdateMacieSession";

bool Rule(CloudTrailEvent e) =>
    e.IsSuccess && (!IsPause(e) || string.Equals(e.RequestParameter("status"), "PAUSED", StringComparison.OrdinalIgnoreCase));

string Title(CloudTrailEvent e) => $"Amazon Macie {(IsPause(e) ? "paused" : "disabled")} in {e.AwsRegion} by {e.ActorName}";

// Macie is regional: one session per account and region.
string Dedup(CloudTrailEvent e) => RegionalKey(e);

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    action = e.EventName,
    status = e.RequestParameter("status"),
});
